using System.Text.Json.Nodes;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>Seed 001 operations on existing orders: refund, query, cancel, close, refundQuery.</summary>
public static partial class MerchantPayApi
{
    /// <summary>Longest refund_subject stored.</summary>
    private const int RefundSubjectLengthMax = 100;

    /// <summary>§2.4: refund part or all of a paid order, idempotent by out_refund_no.</summary>
    private static async Task<IResult> RefundAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var (request, grain, refusal) = await AdmitExistingAsync(http, services);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!request!.Fits(("out_refund_no", RefundRequest.RefundNumberLengthMax, true), ("refund_subject", RefundSubjectLengthMax, false),
                ("operator_id", FufuOrders.IdLengthMax, false), ("terminal_id", FufuOrders.IdLengthMax, false)))
        {
            return FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "out_refund_no is required; a field is too long.");
        }

        if (!request.TryLong("refund_fee", out var refundFee) || refundFee <= 0)
        {
            return FufuReplies.Failed(MerchantResultCodes.AmountError, "refund_fee must be a positive whole number.");
        }

        var order = (await services.Calls.RepeatableAsync(grain!.GetAsync)).Order;
        if (order is not null && request.Text("fee_type") is { } feeType && services.Currency.Normalise(feeType) != order.Currency)
        {
            return FufuReplies.Failed(MerchantResultCodes.IllegalParameter, $"fee_type must be the order's currency, {order.Currency}.");
        }

        // Repeatable: a refund is named by its refund number, and the same request answers the same refund.
        var refund = new RefundRequest(
            request.Text("out_refund_no")!, refundFee, request.Text("refund_subject") ?? "", request.Text("operator_id"), request.Text("terminal_id"));
        var reply = await services.Calls.RepeatableAsync(() => grain.RefundAsync(refund));
        return RefundOutcome(reply, includeOrder: true);
    }

    /// <summary>§2.5: the order as it is.</summary>
    private static async Task<IResult> QueryAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var (_, grain, refusal) = await AdmitExistingAsync(http, services);
        return refusal ?? OrderOutcome(await services.Calls.RepeatableAsync(grain!.GetAsync));
    }

    /// <summary>§2.6: cancel an unpaid order (not within 15 s of creation, only 1:00-23:00).</summary>
    private static async Task<IResult> CancelAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var (_, grain, refusal) = await AdmitExistingAsync(http, services);
        return refusal ?? OrderOutcome(await services.Calls.OnceAsync(grain!.CancelAsync));
    }

    /// <summary>§2.7: close an unpaid order.</summary>
    private static async Task<IResult> CloseAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var (_, grain, refusal) = await AdmitExistingAsync(http, services);
        return refusal ?? OrderOutcome(await services.Calls.OnceAsync(grain!.CloseAsync));
    }

    /// <summary>§2.8: one refund by the merchant's refund number, which the seed sends as out_trade_no.</summary>
    private static async Task<IResult> RefundQueryAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var admission = await FufuGate.AdmitAsync(http, services);
        if (admission.Refusal is not null)
        {
            return admission.Refusal;
        }

        var refundNumber = admission.Request!.Text("out_trade_no");
        var orderKey = refundNumber is { Length: <= RefundRequest.RefundNumberLengthMax }
            ? await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Refund(admission.Merchant!.MerchantId, refundNumber)).GetAsync)
            : null;
        if (orderKey is null)
        {
            return FufuReplies.Failed(MerchantResultCodes.ChargeNonexistent, "No refund has this number.");
        }

        return RefundOutcome(await services.Calls.RepeatableAsync(() => services.Grains.GetGrain<IMerchantOrderGrain>(orderKey).GetRefundAsync(refundNumber!)), includeOrder: false);
    }

    private static async Task<(FufuRequest? Request, IMerchantOrderGrain? Grain, IResult? Refusal)> AdmitExistingAsync(
        HttpRequest http, MerchantApiServices services)
    {
        var admission = await FufuGate.AdmitAsync(http, services);
        if (admission.Refusal is not null)
        {
            return (null, null, admission.Refusal);
        }

        if (admission.Request!.Text("out_trade_no") is null && admission.Request.Text("trade_no") is null)
        {
            return (null, null, FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "out_trade_no or trade_no is required."));
        }

        var orderKey = await FufuOrders.FindAsync(admission.Request, admission.Merchant!.MerchantId, services);
        return orderKey is null
            ? (null, null, FufuReplies.Failed(MerchantResultCodes.ChargeNonexistent, "No order has this out_trade_no or trade_no."))
            : (admission.Request, services.Grains.GetGrain<IMerchantOrderGrain>(orderKey), null);
    }

    private static readonly string[] QueriedOnlyWhenSucceeded =
        ["refund_fee", "refund_amount_cny", "refund_subject", "gmt_refund_time", "operator_id", "terminal_id", "time_zone"];

    private static IResult RefundOutcome(RefundReply reply, bool includeOrder)
    {
        var fields = new JsonObject();
        if (reply.Order is { } order)
        {
            fields["out_trade_no"] = includeOrder ? order.OrderNumber : reply.Refund?.RefundNumber;
            fields["trade_no"] = order.TradeNumber;
            fields["fee_type"] = order.Currency;
            fields["channel_type"] = int.TryParse(order.Echo.ChannelType, out var channel) ? channel : 0;
            fields["time_zone"] = order.Echo.TimeZone;
            if (order.ExchangeRate is not null)
            {
                fields["exchange_rate"] = order.ExchangeRate;
            }
        }

        if (reply.Refund is { } refund)
        {
            var zone = reply.Order?.Echo.TimeZone;
            fields["out_refund_no"] = refund.RefundNumber;
            fields["refund_no"] = refund.PlatformRefundNumber;
            fields["trade_status"] = MerchantResultCodes.RefundStatusCode(refund.Status);
            fields["refund_fee"] = refund.RefundFee;
            fields["refund_amount_cny"] = refund.RefundFen;
            fields["refund_subject"] = refund.Subject;
            fields["operator_id"] = refund.OperatorId;
            fields["terminal_id"] = refund.TerminalId;
            fields["begin_time"] = TimeZones.Format(refund.RequestedAt, zone);
            fields["end_time"] = TimeZones.Format(refund.CompletedAt, zone);
            fields["gmt_refund_time"] = TimeZones.Format(refund.CompletedAt, zone);
            if (!includeOrder && refund.Status != RefundStatus.Succeeded)
            {
                // Seed 001 §2.8.2: a refund query returns these only when trade_status is succ, so a merchant reading
                // refund_fee without the status cannot book a refund that failed or is still under way.
                foreach (var name in QueriedOnlyWhenSucceeded)
                {
                    fields.Remove(name);
                }
            }
        }

        return reply.Result == MerchantOrderResult.Ok
            ? FufuReplies.Accepted(FufuOrders.SuccessWith(fields))
            : FufuReplies.Failed(MerchantResultCodes.FufuCode(reply.Result, reply.Order?.Status), reply.Result.ToString(), fields);
    }
}
