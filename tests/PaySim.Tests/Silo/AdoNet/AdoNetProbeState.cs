namespace PaySim.Tests.Silo.AdoNet;

/// <summary>
/// The probe's persisted state. The stock provider stores it with its default serializer (JSON), so it needs a
/// public settable property; [GenerateSerializer] lets it also travel in grain calls.
/// </summary>
[GenerateSerializer]
public sealed class AdoNetProbeState
{
    [Id(0)]
    public string? Text { get; set; }
}
