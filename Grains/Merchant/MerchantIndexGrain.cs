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

        state.State = new MerchantIndexState { OrderKey = orderKey };
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetAsync() => Task.FromResult(state.RecordExists ? state.State.OrderKey : null);
}
