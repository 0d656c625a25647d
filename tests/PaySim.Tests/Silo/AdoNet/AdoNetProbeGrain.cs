namespace PaySim.Tests.Silo.AdoNet;

/// <summary>Keeps its text in the grain storage named "store" (the stock ADO.NET provider in these tests).</summary>
public sealed class AdoNetProbeGrain([PersistentState("s", "store")] IPersistentState<AdoNetProbeState> state)
    : Grain, IAdoNetProbeGrain
{
    // A new activation gets a new id, so a test can tell that a read came from a fresh activation (from storage).
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task WriteAsync(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<AdoNetProbeSnapshot> ReadAsync() =>
        Task.FromResult(new AdoNetProbeSnapshot(state.State.Text, state.Etag, state.RecordExists, _activationId));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
