using Orleans.Runtime;
using PaySim.Grains.Persistence;

namespace PaySim.Grains;

/// <summary>The one way grains here change a plain document state: build the next copy, then commit it.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and writes it. If the write fails the in-memory state is put back and
    /// <paramref name="retire"/> (the grain's DeactivateOnIdle) is called, so the next call reloads whatever the store
    /// actually holds: a timed-out write may have committed. A first write whose read was deferred
    /// (<see cref="IDeferredReadState"/>) may find the state stored already: then nothing was written, the state holds what
    /// is stored, and <see cref="StoredStateFoundException"/> tells the grain to decide again from it.
    /// </summary>
    public static async Task CommitAsync<TState>(this IPersistentState<TState> state, TState next, Action retire)
        where TState : class, new()
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            retire();
            throw;
        }

        if (!ReferenceEquals(state.State, next))
        {
            throw new StoredStateFoundException();
        }
    }

    /// <summary>True while the activation's read of <paramref name="state"/> is deferred to its first write (<see cref="IDeferredReadState"/>).</summary>
    public static bool ReadIsDeferred<TState>(this IPersistentState<TState> state) => state.Etag == DeferredRead.Etag;
}
