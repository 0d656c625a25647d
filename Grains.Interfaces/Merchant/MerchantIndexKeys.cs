namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// The keys of merchant order grains, and the names under which <see cref="IMerchantIndexGrain"/> points at orders:
/// part of the contract, as the edge finds orders by them.
/// </summary>
public static class MerchantIndexKeys
{
    public static string Trade(string tradeNumber) => "trade:" + tradeNumber;

    public static string Refund(string merchantId, string refundNumber) => $"refund:{merchantId}:{refundNumber}";

    /// <summary>The key of an order grain.</summary>
    public static string Order(string merchantId, string orderNumber) => merchantId + ":" + orderNumber;
}
