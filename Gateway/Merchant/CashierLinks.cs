using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>The address of an order's cashier page, shaped like seed 001's 一码付 address.</summary>
public static class CashierLinks
{
    public static string For(string baseUrl, MerchantOrderSnapshot order) =>
        $"{baseUrl}/online/pay/?id={order.MerchantId}&tradeNo={order.TradeNumber}&price={Yuan.FromFen(order.AmountFen)}";
}
