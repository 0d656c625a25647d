using System.Text.Json.Nodes;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Wire;

/// <summary>A merchant order written out in seed 001's fields: in query replies (gateway) and in notifications (silo).</summary>
public static class FufuOrderFields
{
    /// <summary>The order as seed 001 §2.1.3 / §2.5.3 / §2.3.1 list it.</summary>
    public static JsonObject Of(MerchantOrderSnapshot order)
    {
        var zone = order.Echo.TimeZone;
        var fields = new JsonObject
        {
            ["busi_id"] = order.MerchantId,
            ["channel_type"] = int.TryParse(order.Echo.ChannelType, out var channel) ? channel : 0,
            ["out_trade_no"] = order.OrderNumber,
            ["trade_no"] = order.TradeNumber,
            ["channel_trade_no"] = order.PaidAt is null ? null : "PS" + order.TradeNumber,
            ["phone_code"] = order.PaidAt is null ? null : order.TradeNumber,
            ["auth_code"] = order.PayerCode,
            ["merchant_param"] = order.Echo.MerchantParam,
            ["operator_id"] = order.Echo.OperatorId,
            ["terminal_id"] = order.Echo.TerminalId,
            ["begin_time"] = TimeZones.Format(order.CreatedAt, zone),
            ["end_time"] = TimeZones.Format(order.EndedAt, zone),
            ["total_fee"] = order.TotalFee,
            ["fee_type"] = order.Currency,
            ["refund_fee"] = order.RefundedFee,
            ["state"] = MerchantResultCodes.FufuState(order.Status),
            ["credit"] = order.PaidAt is null ? null : MerchantResultCodes.CreditBalance,
            ["time_zone"] = zone,
        };
        if (order.ExchangeRate is not null)
        {
            fields["exchange_rate"] = order.ExchangeRate;
            fields["trans_amount_cny"] = order.AmountFen;
        }

        return fields;
    }
}
