using Orleans.Runtime;

namespace PaySim.Grains;

/// <summary>The one way grains here change a plain document state: build the next copy, then commit it.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and writes it. If the write fails the in-memory state is put back and
    /// <paramref name="retire"/> (the grain's DeactivateOnIdle) is called, so the next call reloads whatever the store
    /// actually holds: a timed-out write may have committed.
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
    }
}
