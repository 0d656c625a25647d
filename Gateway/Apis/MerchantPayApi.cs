using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>
/// Seed 001 (付付 open API) under <c>/gateway/pay/</c>: a merchant backend written for it points its BASE_URL here.
/// Every handler admits the request (signature, skew, replay), calls one order grain method and maps the result.
/// </summary>
public static partial class MerchantPayApi
{
    /// <summary>Seed 001's BASE_URL within PaySim.</summary>
    public const string BasePath = "/gateway/pay";

    /// <summary>Seed 001 §2.1: a bar-code payment not completed within 80 seconds is cancelled.</summary>
    public static readonly TimeSpan BarCodeOrderValidFor = TimeSpan.FromSeconds(80);

    /// <summary>Seed 001 §2.2: time_expire in minutes, 1 to 1440, five by default.</summary>
    public const int TimeExpireMinutesDefault = 5;

    public const int TimeExpireMinutesMax = 1440;

    private const string TradeTypeQrCode = "QRCODE";
    private const string TradeTypeJsapi = "JSAPI";

    public static IEndpointRouteBuilder MapMerchantPayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath);
        api.MapPost("/order", OrderAsync);
        api.MapPost("/preOrder", PreOrderAsync);
        api.MapPost("/refund", RefundAsync);
        api.MapPost("/query", QueryAsync);
        api.MapPost("/cancel", CancelAsync);
        api.MapPost("/close", CloseAsync);
        api.MapPost("/refundQuery", RefundQueryAsync);
        return app;
    }

    /// <summary>§2.1 被扫: create the order and pay it at once with the payer's one-time code (auth_code).</summary>
    private static async Task<IResult> OrderAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var admission = await FufuGate.AdmitAsync(http, services);
        if (admission.Refusal is not null)
        {
            return admission.Refusal;
        }

        var request = admission.Request!;
        if (request.Text("auth_code") is not { Length: <= FufuOrders.AuthCodeLengthMax } authCode)
        {
            return FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "auth_code (the payer code) is required.");
        }

        var (parsed, failure) = FufuOrders.Parse(
            request, admission.Merchant!, MerchantOrderChannel.BarCode, FufuOrders.IdLengthMax, BarCodeOrderValidFor, null, services);
        if (failure is not null)
        {
            return failure;
        }

        var order = parsed! with { Echo = parsed.Echo with { AuthCode = authCode } };

        var grain = services.Grains.GetGrain<IMerchantOrderGrain>(MerchantIndexKeys.Order(order.MerchantId, order.OrderNumber));
        // Creating is repeatable (the same request answers the same order); paying with a one-time payer code is not.
        var created = await services.Calls.RepeatableAsync(() => grain.CreateAsync(order));
        if (created.Result != MerchantOrderResult.Ok)
        {
            return OrderOutcome(created);
        }

        var paid = await services.Calls.OnceAsync(() => grain.PayAsync(PayerAuthorisation.WithPayerCode(authCode)));

        // A repeated request for a bar-code order that already failed answers with that failure again.
        var result = paid is { Result: MerchantOrderResult.NotPayable, Order.LastFailure: { } earlier } ? earlier : paid.Result;
        return OrderOutcome(paid with { Result = result });
    }

    /// <summary>§2.2 主扫: create the order; QRCODE returns the cashier page URL, JSAPI a prepay id (and WeChat-style payInfo).</summary>
    private static async Task<IResult> PreOrderAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        var admission = await FufuGate.AdmitAsync(http, services);
        if (admission.Refusal is not null)
        {
            return admission.Refusal;
        }

        var request = admission.Request!;
        var tradeType = (request.Text("trade_type") ?? TradeTypeJsapi).ToUpperInvariant();
        var minutes = TimeExpireMinutesDefault;
        var validRequest = tradeType is TradeTypeQrCode or TradeTypeJsapi
            && (request.Text("time_expire") is null || (request.TryLong("time_expire", out var asked) && asked is >= 1 and <= TimeExpireMinutesMax && (minutes = (int)asked) > 0))
            && (request.Text("notifyUrl") is null || IsNotifyUrl(request.Text("notifyUrl")!, services.Options))
            && (tradeType == TradeTypeQrCode || request.Text("openId") is not null);
        if (!validRequest)
        {
            return FufuReplies.Failed(MerchantResultCodes.IllegalParameter,
                "trade_type is QRCODE or JSAPI (JSAPI needs openId); time_expire is 1-1440 minutes; notifyUrl is an absolute http(s) URL to an allowed host.");
        }

        // Seed 001 §2.2: subAppId "如為微信JSAPI支付,則必填"; without it payInfo would carry an empty appId.
        var channelType = FufuOrders.TryChannel(request, out var number) ? number : (int?)null;
        if (tradeType == TradeTypeJsapi && channelType == FufuOrders.ChannelWeChat && request.Text("subAppId") is null)
        {
            return FufuReplies.Failed(MerchantResultCodes.IllegalParameter, "subAppId is required for a WeChat (channel_type 2) JSAPI order.");
        }

        var channel = tradeType == TradeTypeQrCode ? MerchantOrderChannel.QrCode : MerchantOrderChannel.Jsapi;
        var (order, failure) = FufuOrders.Parse(request, admission.Merchant!, channel, MerchantOrderRequest.OrderNumberLengthMax,
            TimeSpan.FromMinutes(minutes), request.Text("notifyUrl"), services);
        if (failure is not null)
        {
            return failure;
        }

        var created = await services.Calls.RepeatableAsync(() => services.Grains.GetGrain<IMerchantOrderGrain>(MerchantIndexKeys.Order(order!.MerchantId, order.OrderNumber)).CreateAsync(order));
        if (created.Result != MerchantOrderResult.Ok)
        {
            return OrderOutcome(created);
        }

        var snapshot = created.Order!;
        var cashierUrl = CashierLinks.For(services.PublicBaseUrl(http), snapshot);
        var data = FufuReplies.SuccessData();
        data["out_trade_no"] = snapshot.OrderNumber;
        data["trade_no"] = snapshot.TradeNumber;
        if (channel == MerchantOrderChannel.QrCode)
        {
            data["qr_code"] = cashierUrl;
        }
        else if (channelType == FufuOrders.ChannelWeChat)
        {
            data["payInfo"] = await WeChatPayInfo.BuildAsync(request, snapshot, cashierUrl, services);
        }
        else
        {
            data["prePayId"] = snapshot.TradeNumber;
        }

        data["time_zone"] = snapshot.Echo.TimeZone;
        return FufuReplies.Accepted(data);
    }

    private static IResult OrderOutcome(MerchantOrderReply reply) => reply.Result == MerchantOrderResult.Ok
        ? FufuReplies.Accepted(FufuOrders.SuccessWith(FufuOrderFields.Of(reply.Order!)))
        : FufuReplies.Failed(
            MerchantResultCodes.FufuCode(reply.Result, reply.Order?.Status), reply.Result.ToString(),
            reply.Order is null ? null : FufuOrderFields.Of(reply.Order));

    private static bool IsNotifyUrl(string text, MerchantGatewayOptions options) =>
        text.Length <= FufuOrders.UrlLengthMax && NotifyUrls.IsAllowed(text, options.NotifyHostAllowList);
}
