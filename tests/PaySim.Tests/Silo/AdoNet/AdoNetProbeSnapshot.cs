namespace PaySim.Tests.Silo.AdoNet;

/// <summary>What a probe activation holds: its state, the state's ETag, and which activation answered.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AdoNetProbeSnapshot(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Etag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] Guid ActivationId);
