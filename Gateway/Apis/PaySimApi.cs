using System.Collections.Frozen;

namespace PaySim.Gateway.Apis;

/// <summary>
/// POST /PaySim: the seed's one endpoint. The body's <c>method</c> picks a handler from a table; each handler parses
/// its fields, calls one grain method and maps the result. Admin methods first check the admin token.
/// </summary>
public static class PaySimApi
{
    private sealed record Method(Func<PaySimRequest, PaySimServices, Task<IResult>> Handle, bool AdminOnly = false);

    private static readonly FrozenDictionary<string, Method> s_methods = new Dictionary<string, Method>
    {
        [SeedMethods.CreateAccount] = new(AccountHandlers.CreateAccountAsync, AdminOnly: true),
        [SeedMethods.BindWeChat] = new(AccountHandlers.BindWeChatAsync),
        [SeedMethods.FreezeAccount] = new(AccountHandlers.FreezeAccountAsync, AdminOnly: true),
        [SeedMethods.Deposit] = new(MoneyHandlers.DepositAsync),
        [SeedMethods.Withdraw] = new(MoneyHandlers.WithdrawAsync),
        [SeedMethods.QueryAccount] = new(AccountHandlers.QueryAccountAsync),
        [SeedMethods.Transfer] = new(MoneyHandlers.TransferAsync),
        [SeedMethods.CreateTrade] = new(TradeHandlers.CreateTradeAsync),
        [SeedMethods.PayTrade] = new(TradeHandlers.PayTradeAsync),
        [SeedMethods.QueryTrade] = new(TradeHandlers.QueryTradeAsync),
        [SeedMethods.Reconcile] = new(AdminHandlers.ReconcileAsync, AdminOnly: true),
        [SeedMethods.CreateAccounts] = new(AdminHandlers.CreateAccountsAsync, AdminOnly: true),
        [SeedMethods.GetPayerCode] = new(PayerCodeHandlers.GetPayerCodeAsync),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every value of the <c>method</c> field the gateway answers; tests that must cover each method read it.</summary>
    internal static IEnumerable<string> MethodNames => s_methods.Keys;

    public static IEndpointRouteBuilder MapPaySimApi(this IEndpointRouteBuilder app)
    {
        // Created now rather than on the first admin call, so a generated token's file is made and logged at start.
        _ = app.ServiceProvider.GetRequiredService<Security.AdminCredential>();
        app.MapPost("/PaySim", HandleAsync);
        // Routing alone answers another HTTP method 405 with an empty body; every refusal here names its reason.
        // Every method (TRACE and unknown ones too); ordered after the POST route, which a POST always matches first.
        app.Map("/PaySim", MethodNotAllowed).WithOrder(1).ExcludeFromDescription();
        return app;
    }

    private static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return TypedResults.Json(new PaySimReply { Reason = Reasons.MethodNotAllowed }, statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    private static async Task<IResult> HandleAsync([AsParameters] PaySimServices services)
    {
        var httpRequest = services.HttpContext.Request;
        var (document, bodyError) = await RequestBody.ReadObjectAsync(httpRequest, services.HttpContext.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using (document)
        {
            var request = new PaySimRequest(document!.RootElement);
            var methodName = request.RequiredString(Fields.Method, Fields.MethodLengthMax);
            if (request.Error is { } error)
            {
                return error;
            }

            if (!s_methods.TryGetValue(methodName, out var method))
            {
                return TypedResults.BadRequest(new PaySimReply { Reason = Reasons.UnknownMethod, Field = Fields.Method });
            }

            if (method.AdminOnly && services.Admin.Check(httpRequest) is { } denied)
            {
                return denied;
            }

            return await method.Handle(request, services);
        }
    }
}
