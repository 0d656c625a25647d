using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// A unique name pointing at one merchant order, e.g. "trade:{trade_no}" or "refund:{merchant id}:{refund number}":
/// it lets the edge find an order by PaySim's trade number and refunds by their number, and keeps those unique.
/// </summary>
[Alias("paysim.IMerchantIndexGrain")]
public interface IMerchantIndexGrain : IGrainWithStringKey
{
    /// <summary>Points the name at the order unless it already points elsewhere; true when it points at this order.</summary>
    Task<bool> ClaimAsync(string orderKey);

    /// <summary>Returns the order key the name points at, or null.</summary>
    Task<string?> GetAsync();
}
