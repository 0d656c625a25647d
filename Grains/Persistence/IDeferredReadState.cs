namespace PaySim.Grains.Persistence;

/// <summary>
/// A state whose grain is nearly always new when it activates (a transfer under a client's fresh id), so PaySim's
/// store does not read it at activation: the read is deferred to the grain's first write (docs/design.md, section 2).
/// That write may only create the row. Where a row exists already (a retry, an id used before), nothing is written and
/// the stored state is loaded in its place, which the grain learns as <see cref="StoredStateFoundException"/> from its
/// commit. Until its first write or an explicit read the grain sees an empty state under <see cref="DeferredRead.Etag"/>,
/// and must not answer from it. Orleans' stock storage ignores this and reads at activation as always.
/// </summary>
public interface IDeferredReadState;

/// <summary>The ETag of a state whose activation read was deferred (<see cref="IDeferredReadState"/>).</summary>
public static class DeferredRead
{
    /// <summary>Never a store's ETag (those are row versions): the state was not read, and what is stored is unknown.</summary>
    public const string Etag = "deferred-read";
}

/// <summary>
/// A grain's first write of a state whose read was deferred (<see cref="IDeferredReadState"/>) found a stored row: the
/// write changed nothing, and the grain's state now holds what is stored.
/// </summary>
public sealed class StoredStateFoundException() : Exception("The state was stored already: the write changed nothing, and the stored state was loaded instead.");
