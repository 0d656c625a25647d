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

        return DashboardApi.IsGrainStateRoute(context.HttpContext)
            ? TypedResults.Json(new PaySimReply { Reason = DashboardApi.GrainStateRefused }, statusCode: StatusCodes.Status403Forbidden)
            : await next(context);
    }
}
