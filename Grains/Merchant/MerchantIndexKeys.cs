namespace PaySim.Grains.Merchant;

/// <summary>The names under which <see cref="MerchantIndexGrain"/> points at orders.</summary>
public static class MerchantIndexKeys
{
    public static string Trade(string tradeNumber) => "trade:" + tradeNumber;

    public static string Refund(string merchantId, string refundNumber) => $"refund:{merchantId}:{refundNumber}";

    /// <summary>The key of an order grain.</summary>
    public static string Order(string merchantId, string orderNumber) => merchantId + ":" + orderNumber;
}
