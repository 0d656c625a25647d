using System.Text.Json.Nodes;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>Seed 001 fields to and from PaySim's order records: parsing a new order, finding one, writing one out.</summary>
public static class FufuOrders
{
    /// <summary>Seed 001 field lengths (String(n) in its tables); notifyUrl's "String(10)" is a typo there, so URLs get 256.</summary>
    public const int IdLengthMax = 32;
    public const int MerchantParamLengthMax = 127;
    public const int AuthCodeLengthMax = 100;
    public const int TimeZoneLengthMax = 64;
    public const int UrlLengthMax = 256;

    /// <summary>Seed 001 appendix 3.2, the channel dictionary: 0 decide automatically, 1 Alipay, 2 WeChat.</summary>
    public const int ChannelAutomatic = 0;

    public const int ChannelWeChat = 2;

    /// <summary>
    /// The channel_type as a number of the seed's dictionary (0, 1 or 2); absent counts as 0, "decide automatically".
    /// False for anything else: an order on a channel the seed does not define must not be taken (or paid).
    /// </summary>
    public static bool TryChannel(FufuRequest request, out int channel)
    {
        channel = ChannelAutomatic;
        if (request.Text("channel_type") is null)
        {
            return true;
        }

        if (!request.TryLong("channel_type", out var number) || number is < ChannelAutomatic or > ChannelWeChat)
        {
            return false;
        }

        channel = (int)number;
        return true;
    }

    /// <summary>Parses the fields common to order and preOrder; the failure reply when they are wrong.</summary>
    public static (MerchantOrderRequest? Order, IResult? Failure) Parse(
        FufuRequest request, MerchantProfile merchant, MerchantOrderChannel channel, int orderNumberLengthMax,
        TimeSpan validFor, string? notifyUrl, MerchantApiServices services)
    {
        if (!request.Fits(("out_trade_no", orderNumberLengthMax, true), ("pay_subject", MerchantOrderRequest.SubjectLengthMax, true),
                ("operator_id", IdLengthMax, false), ("terminal_id", IdLengthMax, false), ("store_id", IdLengthMax, false),
                ("merchant_param", MerchantParamLengthMax, false), ("time_zone", TimeZoneLengthMax, false), ("fee_type", 10, false)))
        {
            return (null, FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "out_trade_no and pay_subject are required; a field is too long."));
        }

        if (!TryChannel(request, out _))
        {
            return (null, FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "channel_type is 0 (automatic), 1 (Alipay) or 2 (WeChat)."));
        }

        if (TimeZones.OffsetAt(request.Text("time_zone"), services.Clock.GetUtcNow()) is null)
        {
            return (null, FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "time_zone is neither an IANA zone nor an offset like +08:00."));
        }

        var currency = services.Currency.Normalise(request.Text("fee_type"));
        if (currency is null)
        {
            return (null, FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "fee_type has no configured exchange rate."));
        }

        if (!request.TryLong("total_fee", out var totalFee) || totalFee <= 0
            || !services.Currency.TryConvert(currency, totalFee, out var amountFen, out var rate))
        {
            return (null, FufuReplies.Failed(MerchantResultCodes.AmountError, "total_fee must be a positive whole number of hundredths of fee_type."));
        }

        var echo = new OrderEcho(
            request.Text("operator_id"), request.Text("terminal_id"), request.Text("store_id"), request.Text("merchant_param"),
            request.Text("time_zone"), request.Text("channel_type"));
        return (new MerchantOrderRequest(
            merchant.MerchantId, request.Text("out_trade_no")!, merchant.SettlementAccount, channel, totalFee, currency, rate, amountFen,
            request.Text("pay_subject")!, validFor, notifyUrl, echo), null);
    }

    /// <summary>The order key named by trade_no (preferred, as the seed says) or out_trade_no; null when neither leads to this merchant's order.</summary>
    public static async Task<string?> FindAsync(FufuRequest request, string merchantId, MerchantApiServices services)
    {
        if (request.Text("trade_no") is { Length: <= IdLengthMax } tradeNumber)
        {
            var key = await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade(tradeNumber)).GetAsync);
            return key is not null && key.StartsWith(merchantId + ":", StringComparison.Ordinal) ? key : null;
        }

        return request.Text("out_trade_no") is { Length: <= MerchantOrderRequest.OrderNumberLengthMax } orderNumber
            ? MerchantIndexKeys.Order(merchantId, orderNumber)
            : null;
    }

    /// <summary>A SUCCESS data part followed by the order's fields.</summary>
    public static JsonObject SuccessWith(JsonObject fields)
    {
        var data = FufuReplies.SuccessData();
        foreach (var (name, value) in fields)
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }
}
