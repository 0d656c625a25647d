using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>
/// PaySim's cashier page under <c>/online/pay/</c> (the shape of seed 001's 一码付 address): show an order, pay it
/// with a PaySim username and password, or obtain a one-time payer code for a merchant to scan.
/// </summary>
public static class CashierApi
{
    /// <summary>The cashier's pages, which a browser shows.</summary>
    public const string BasePath = "/online/pay";

    /// <summary>Longest username or password read from the form.</summary>
    private const int CredentialLengthMax = 128;

    public static IEndpointRouteBuilder MapCashierApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(BasePath + "/", ShowAsync);
        app.MapPost(BasePath + "/confirm", ConfirmAsync).DisableAntiforgery();
        app.MapPost(BasePath + "/payer-code", PayerCodeAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Renders the cashier page of an order found by its trade number.</summary>
    public static async Task<IResult> RenderOrderAsync(
        HttpRequest http, MerchantApiServices services, string? tradeNumber, MerchantOrderReply? outcome)
    {
        var orderKey = AggregatorForm.IsKey(tradeNumber, 32)
            ? await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade(tradeNumber)).GetAsync)
            : null;
        var order = orderKey is null ? null : (await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantOrderGrain>(orderKey).GetAsync)).Order;
        if (order is null)
        {
            return Html(CashierPage.RenderError(CashierTexts.OrderNotFound), StatusCodes.Status404NotFound);
        }

        var merchant = await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantGrain>(order.MerchantId).GetProfileAsync);
        var message = outcome is null ? null : CashierTexts.Outcome(outcome.Result);
        var pageUrl = CashierLinks.For(services.PublicBaseUrl(http), order);
        return Html(CashierPage.Render(merchant?.Name ?? order.MerchantId, order, pageUrl, message, outcome?.Result is not (null or MerchantOrderResult.Ok)));
    }

    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);

    private static Task<IResult> ShowAsync(HttpRequest http, [AsParameters] MerchantApiServices services) =>
        RenderOrderAsync(http, services, http.Query["tradeNo"], null);

    private static async Task<IResult> ConfirmAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        if (await FormBody.TryReadAsync(http) is not { } form)
        {
            return Html(CashierPage.RenderError(CashierTexts.BadRequest), StatusCodes.Status400BadRequest);
        }

        var tradeNumber = form["tradeNo"].ToString();
        var orderKey = AggregatorForm.IsKey(tradeNumber, 32)
            ? await services.Calls.RepeatableAsync(services.Grains.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade(tradeNumber)).GetAsync)
            : null;
        if (orderKey is null)
        {
            return Html(CashierPage.RenderError(CashierTexts.OrderNotFound), StatusCodes.Status404NotFound);
        }

        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var outcome = !AggregatorForm.IsKey(username, CredentialLengthMax) || password.Length > CredentialLengthMax
            ? new MerchantOrderReply(MerchantOrderResult.InvalidRequest, null)
            : await services.Calls.OnceAsync(() => services.Grains.GetGrain<IMerchantOrderGrain>(orderKey).PayAsync(PayerAuthorisation.WithPassword(username, password)));
        return await RenderOrderAsync(http, services, tradeNumber, outcome);
    }

    private static async Task<IResult> PayerCodeAsync(HttpRequest http, [AsParameters] MerchantApiServices services)
    {
        if (await FormBody.TryReadAsync(http) is not { } form)
        {
            return Html(CashierPage.RenderError(CashierTexts.BadRequest), StatusCodes.Status400BadRequest);
        }

        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (!AggregatorForm.IsKey(username, CredentialLengthMax) || password.Length > CredentialLengthMax)
        {
            return Html(CashierPage.RenderError(CashierTexts.Outcome(MerchantOrderResult.InvalidRequest)), StatusCodes.Status400BadRequest);
        }

        var (result, code, expiresAt) = await PayerCodes.IssueAsync(services.Grains, services.Calls, username, password);
        return result switch
        {
            PayerCodeResult.Ok => Html(CashierPage.RenderPayerCode(code!, expiresAt!.Value)),
            PayerCodeResult.NoSuchAccount => PayerCodeRefused(MerchantOrderResult.NoSuchPayer),
            PayerCodeResult.BadPassword => PayerCodeRefused(MerchantOrderResult.BadPassword),
            PayerCodeResult.AccountFrozen => PayerCodeRefused(MerchantOrderResult.PayerFrozen),
            _ => Html(CashierPage.RenderError(CashierTexts.TryAgain), StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static IResult PayerCodeRefused(MerchantOrderResult reason) =>
        Html(CashierPage.RenderError(CashierTexts.Outcome(reason)), StatusCodes.Status400BadRequest);
}
