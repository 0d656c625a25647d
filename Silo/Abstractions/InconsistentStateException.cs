namespace PaySim.Runtime;

/// <summary>
/// A state write carried a stale ETag: another activation (or silo) wrote the row since this copy was read.
/// The runtime deactivates the grain that saw it so the next call reloads fresh state.
/// </summary>
public sealed class InconsistentStateException(GrainId grainId, string stateName, string? expectedEtag)
    : Exception($"State '{stateName}' of grain {grainId} was changed by someone else: expected version '{expectedEtag ?? "<none>"}'.")
{
    public GrainId GrainId { get; } = grainId;

    public string StateName { get; } = stateName;

    public string? ExpectedEtag { get; } = expectedEtag;
}
