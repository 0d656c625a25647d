using System.Globalization;
using System.Text.Json.Nodes;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>
/// Seed 002 (aggregator API): <c>POST /pay.action</c> shows the cashier page for a key-checked form post;
/// <c>GET /requstOrderStatus.action</c> and <c>GET /requstBalance.action</c> answer JSON, rate limited as the seed asks.
/// </summary>
public static class AggregatorApi
{
    /// <summary>Seed 002's pay request, a form a browser posts: its answer is the cashier page.</summary>
    public const string PayPath = "/pay.action";

    /// <summary>Seed 002 §1.5: reqtime may differ from PaySim's (Beijing) clock by at most 10 minutes.</summary>
    public static readonly TimeSpan RequestTimeSkewMax = TimeSpan.FromMinutes(10);

    public const string RequestTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static IEndpointRouteBuilder MapAggregatorApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(PayPath, PayAsync).DisableAntiforgery();
        app.MapGet("/requstOrderStatus.action", OrderStatusAsync);
        app.MapGet("/requstBalance.action", BalanceAsync);
        return app;
    }

    private static async Task<IResult> PayAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        if (await FormBody.TryReadAsync(http) is not { } posted)
        {
            return CashierApi.Html(CashierPage.RenderError(CashierTexts.BadRequest), StatusCodes.Status400BadRequest);
        }

        var form = AggregatorForm.Fields(posted);
        var fitting = AggregatorForm.IsKey(form.GetValueOrDefault("uid"), FufuOrders.IdLengthMax)
            && AggregatorForm.IsKey(form.GetValueOrDefault("orderid"), AggregatorForm.OrderIdBytesMax)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("ordername"), AggregatorForm.OrderNameBytesMax, false)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("orderuid"), AggregatorForm.OrderUidBytesMax, false)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("orderinfo"), AggregatorForm.OrderInfoBytesMax, false)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("paytype"), 8, true)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("paymoney"), AggregatorForm.PayMoneyBytesMax, true)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("notifyurl"), AggregatorForm.UrlBytesMax, true)
            && AggregatorForm.FitsBytes(form.GetValueOrDefault("returnurl"), AggregatorForm.UrlBytesMax, true)
            && NotifyUrls.IsAllowed(form["notifyurl"], services.Options.NotifyHostAllowList) && AggregatorForm.IsHttpUrl(form["returnurl"]);
        if (!fitting || !AggregatorForm.TryParseYuan(form["paymoney"], out var amountFen))
        {
            return CashierApi.Html(CashierPage.RenderError(CashierTexts.BadRequest), StatusCodes.Status400BadRequest);
        }

        var merchantGrain = services.Grains.GetGrain<IMerchantGrain>(form["uid"]);
        // Repeatable: without a replay key the check remembers nothing.
        var signed = new SignedRequest(MerchantSecretKind.Token, AggregatorSignature.PayPrefix(form), "", form.GetValueOrDefault("key", ""));
        var check = await services.Calls.RepeatableAsync(() => merchantGrain.VerifyAsync(signed));
        if (check != SignatureCheck.Valid)
        {
            var message = check == SignatureCheck.UnknownMerchant ? CashierTexts.UnknownMerchant : CashierTexts.InvalidKey;
            return CashierApi.Html(CashierPage.RenderError(message), StatusCodes.Status400BadRequest);
        }

        var merchant = (await services.Calls.RepeatableAsync(merchantGrain.GetProfileAsync))!;
        var echo = new OrderEcho(PayerReference: form.GetValueOrDefault("orderuid"), OrderInfo: form.GetValueOrDefault("orderinfo"), ReturnUrl: form["returnurl"]);
        var request = new MerchantOrderRequest(
            merchant.MerchantId, form["orderid"], merchant.SettlementAccount, MerchantOrderChannel.Aggregator, amountFen, CurrencyConverter.Cny, null,
            amountFen, form.GetValueOrDefault("ordername", ""), services.Options.AggregatorOrderValidFor, form["notifyurl"], echo);
        var created = await services.Calls.RepeatableAsync(() => services.Grains.GetGrain<IMerchantOrderGrain>(MerchantIndexKeys.Order(merchant.MerchantId, request.OrderNumber)).CreateAsync(request));
        return created.Result == MerchantOrderResult.Ok
            ? await CashierApi.RenderOrderAsync(http, services, created.Order!.TradeNumber, null)
            : CashierApi.Html(CashierPage.RenderError(CashierTexts.Outcome(created.Result)), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> OrderStatusAsync(HttpRequest http, [AsParameters] MerchantApiServices services, AggregatorRateLimits limits)
    {
        string orderId = http.Query["orderid"].ToString(), uid = http.Query["uid"].ToString(), key = http.Query["key"].ToString();
        JsonObject Reply(string status, string message, MerchantOrderSnapshot? order = null) => new()
        {
            ["msg"] = message,
            ["orderid"] = orderId,
            ["payid"] = order?.TradeNumber ?? "",
            ["paymoney"] = order is null ? "" : Yuan.FromFen(order.AmountFen),
            ["realpay"] = order?.PaidAt is null ? "" : Yuan.FromFen(order.AmountFen),
            ["status"] = status,
        };

        if (!AggregatorForm.IsKey(orderId, AggregatorForm.OrderIdBytesMax) || !AggregatorForm.IsKey(uid, FufuOrders.IdLengthMax))
        {
            return Json(Reply("-2", CashierTexts.BadRequest));
        }

        var signed = new SignedRequest(MerchantSecretKind.Token, AggregatorSignature.OrderStatusPrefix(orderId, uid), "", key);
        var check = await services.Calls.RepeatableAsync(() => services.Grains.GetGrain<IMerchantGrain>(uid).VerifyAsync(signed));
        if (check != SignatureCheck.Valid)
        {
            return Json(Reply("-2", check == SignatureCheck.UnknownMerchant ? CashierTexts.UnknownMerchant : CashierTexts.InvalidKey));
        }

        var limitKey = uid + ":" + orderId;
        if (!limits.OrderStatus.TryAcquire(limitKey, out var charge))
        {
            return Json(Reply("-2", CashierTexts.TooFrequent));
        }

        MerchantOrderSnapshot? order;
        try
        {
            order = (await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantOrderGrain>(MerchantIndexKeys.Order(uid, orderId)).GetAsync)).Order;
        }
        catch
        {
            // Answered 503: the merchant's retry must not be refused as too frequent for a query it never got.
            limits.OrderStatus.Refund(limitKey, charge);
            throw;
        }

        return order is null
            ? Json(Reply("-2", CashierTexts.OrderNotFound))
            : Json(Reply(MerchantResultCodes.AggregatorStatus(order.Status), "", order));
    }

    private static async Task<IResult> BalanceAsync(HttpRequest http, [AsParameters] MerchantApiServices services, AggregatorRateLimits limits)
    {
        string uid = http.Query["uid"].ToString(), requestTime = http.Query["reqtime"].ToString(), key = http.Query["key"].ToString();
        JsonObject Reply(string status, string message, string balance = "") =>
            new() { ["balance"] = balance, ["msg"] = message, ["reqtime"] = requestTime, ["status"] = status, ["uid"] = uid };

        if (!AggregatorForm.IsKey(uid, FufuOrders.IdLengthMax)
            || !DateTime.TryParseExact(requestTime, RequestTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var localTime))
        {
            return Json(Reply("1", CashierTexts.BadRequest));
        }

        var merchantGrain = services.Grains.GetGrain<IMerchantGrain>(uid);
        var signed = new SignedRequest(MerchantSecretKind.Token, AggregatorSignature.BalancePrefix(uid, requestTime), "", key);
        var check = await services.Calls.RepeatableAsync(() => merchantGrain.VerifyAsync(signed));
        if (check != SignatureCheck.Valid)
        {
            return Json(Reply("1", check == SignatureCheck.UnknownMerchant ? CashierTexts.UnknownMerchant : CashierTexts.InvalidKey));
        }

        // Compared as Beijing wall-clock times: a DateTimeOffset of 0001-01-01 at +08:00 would lie before year 1 in UTC (and throw).
        if ((services.Clock.GetUtcNow().ToOffset(MerchantTime.BeijingOffset).DateTime - localTime).Duration() > RequestTimeSkewMax)
        {
            return Json(Reply("1", CashierTexts.RequestTimeSkewed));
        }

        if (!limits.Balance.TryAcquire(uid, out var charge))
        {
            return Json(Reply("1", CashierTexts.TooFrequent));
        }

        AccountSnapshot? account;
        try
        {
            var merchant = (await services.Calls.RepeatableAsync(merchantGrain.GetProfileAsync))!;
            account = await services.Calls.RepeatableAsync(services.Grains.GetGrain<IAccountGrain>(merchant.SettlementAccount).GetSnapshotAsync);
        }
        catch
        {
            limits.Balance.Refund(uid, charge); // as for an order's status
            throw;
        }

        return Json(Reply("0", "", Yuan.FromFen(account?.BalanceFen ?? 0)));
    }

    private static IResult Json(JsonObject body) => Results.Text(FufuEnvelope.Serialize(body), "application/json; charset=utf-8");
}
