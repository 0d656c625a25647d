using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>A unique name pointing at one order; the first claim wins for good. It calls no grain.</summary>
[GrainType("merchantindex")]
public sealed class MerchantIndexGrain(
    [PersistentState("index", StorageNames.Documents)] IPersistentState<MerchantIndexState> state) : Grain, IMerchantIndexGrain
{
    public async Task<bool> ClaimAsync(string orderKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderKey);
        if (state.RecordExists)
        {
            return state.State.OrderKey == orderKey;
        }

        // A claim that failed to store must not win in memory: the store may hold it (a timed-out write) or not.
        await state.CommitAsync(new MerchantIndexState { OrderKey = orderKey }, DeactivateOnIdle);
        return true;
    }

    public Task<string?> GetAsync() => Task.FromResult(state.RecordExists ? state.State.OrderKey : null);
}
