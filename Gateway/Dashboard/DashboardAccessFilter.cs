using PaySim.Gateway.Apis;
using PaySim.Gateway.Security;

namespace PaySim.Gateway.Dashboard;

/// <summary>
/// In front of every route of Orleans' dashboard: the admin token in its header (as other admin endpoints take it:
/// wrong → 403), or a signed-in browser's session cookie. Without either, the page answers the sign-in form and the
/// data routes 401, both with nothing of the cluster in them.
/// </summary>
internal sealed class DashboardAccessFilter(AdminCredential admin, DashboardSessions sessions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Headers.ContainsKey(AdminCredential.HeaderName))
        {
            if (admin.Check(request) is { } denied)
            {
                return denied;
            }
        }
        else if (!sessions.IsSignedIn(request))
        {
            return DashboardApi.IsPage(request)
                ? DashboardSignInPage.Result(request, DashboardSignInPage.MissingToken, StatusCodes.Status401Unauthorized)
                : TypedResults.Json(new PaySimReply { Reason = Reasons.AdminTokenMissing }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (DashboardApi.IsGrainStateRoute(context.HttpContext))
        {
            return TypedResults.Json(new PaySimReply { Reason = DashboardApi.GrainStateRefused }, statusCode: StatusCodes.Status403Forbidden);
        }

        // The silo routes (SiloProperties/{*address}, HistoricalStats/{*path}, …) hand the address to Orleans' parser
        // and to a grain keyed by it: text that is no silo address threw (503 with an Error log) and activated a stray grain.
        return SiloAddressOf(context.HttpContext) is { } address && !IsSiloAddress(address)
            ? TypedResults.Json(new PaySimReply { Reason = NotASiloAddress }, statusCode: StatusCodes.Status400BadRequest)
            : await next(context);
    }

    /// <summary>The route value of Orleans' silo routes.</summary>
    private const string SiloAddressRouteValue = "address";

    /// <summary>HistoricalStats names its silo address <c>path</c>, as the asset routes (fonts, img) name their files.</summary>
    private const string HistoricalStatsRouteSuffix = "/HistoricalStats/{*path}";

    /// <summary>The silo address a silo route was given (empty when none); null on routes that take none.</summary>
    private static string? SiloAddressOf(HttpContext context)
    {
        var values = context.Request.RouteValues;
        if (values.TryGetValue(SiloAddressRouteValue, out var address))
        {
            return address?.ToString() ?? "";
        }

        return context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && route.EndsWith(HistoricalStatsRouteSuffix, StringComparison.Ordinal)
            ? values.GetValueOrDefault("path")?.ToString() ?? ""
            : null;
    }

    public const string NotASiloAddress = "NOT_A_SILO_ADDRESS";

    /// <summary>A silo address as Orleans writes it (and the dashboard links to it): <c>{ip}:{port}@{generation}</c>.</summary>
    internal static bool IsSiloAddress(string? text) =>
        text?.Split('@') is [var endpoint, var generation]
        && System.Net.IPEndPoint.TryParse(endpoint, out var parsed) && parsed.Port > 0
        && int.TryParse(generation, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
}
