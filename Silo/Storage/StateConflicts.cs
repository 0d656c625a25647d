using Orleans.Storage;

namespace PaySim.Silo.Storage;

/// <summary>The one typed exception of a stale write, Orleans' own, so the runtime retires the activation that saw it.</summary>
internal static class StateConflicts
{
    public static InconsistentStateException Stale(StoredGrainId grainId, string stateName, string? expectedEtag) =>
        new($"State '{stateName}' of grain {grainId} was changed by someone else: expected version '{expectedEtag ?? "<none>"}'.",
            storedEtag: "unknown",
            currentEtag: expectedEtag ?? "<none>");
}
