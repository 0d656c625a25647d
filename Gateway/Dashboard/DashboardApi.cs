using Orleans.Dashboard;
using PaySim.Gateway.Security;
using PaySim.Silo.Hosting;

namespace PaySim.Gateway.Dashboard;

/// <summary>
/// Orleans' dashboard at <c>/dashboard</c>: the cluster's silos, grain activations per silo and type, calls per second
/// and errors, from the dashboard grains every silo runs (<see cref="PaySimDashboard"/>). Every route of it asks for the
/// admin credential (<see cref="DashboardAccessFilter"/>); a browser enters the token once in the sign-in form and
/// keeps a session cookie (<see cref="DashboardSessions"/>). Off with <c>PaySim:Dashboard:Enabled=false</c>: nothing is
/// mapped, so <c>/dashboard</c> answers 404.
/// </summary>
public static class DashboardApi
{
    public const string Route = "/dashboard";
    public const string SignInRoute = Route + "/sign-in";
    public const string SignOutRoute = Route + "/sign-out";

    /// <summary>The reason given when the grain state viewer is asked for.</summary>
    public const string GrainStateRefused = "DASHBOARD_GRAIN_STATE_NOT_SERVED";

    /// <summary>
    /// Orleans' grain state viewer activates any grain by whatever type and key it is given, past the edge's checks
    /// and limits, and calls every parameterless method of it whose result is the grain's stored state type (or that
    /// is named <c>GetState</c>), whatever that method does. None of PaySim's grains has such a method today, so the
    /// viewer would show nothing, yet one added later would be called from here, and a stored state holds password
    /// hashes and encrypted merchant secrets. So the route stays mapped (Orleans' page links to it) but refuses.
    /// </summary>
    private const string GrainStateRouteSuffix = "/GrainState";

    public static IServiceCollection AddPaySimDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        if (PaySimDashboard.ReadSettings(configuration).Enabled)
        {
            // Sessions expire on real time, as the gateway's deadlines run: a test's fake business clock must not stall them.
            services.AddSingleton(provider => new DashboardSessions(provider.GetRequiredService<AdminCredential>(), TimeProvider.System));
        }

        return services;
    }

    public static WebApplication MapPaySimDashboard(this WebApplication app)
    {
        if (!PaySimDashboard.ReadSettings(app.Configuration).Enabled)
        {
            return app;
        }

        // The page and its data routes are Orleans' own, for a person's browser; the OpenAPI document describes the
        // API integrators call, so neither they nor the sign-in form are in it (docs/operations.md describes them).
        app.MapPost(SignInRoute, SignInAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(SignOutRoute, DashboardSignInPage.SignOutResult).ExcludeFromDescription();
        app.MapPost(SignOutRoute, SignOut).DisableAntiforgery().ExcludeFromDescription();
        app.MapOrleansDashboard(Route).AddEndpointFilter<DashboardAccessFilter>().ExcludeFromDescription();
        return app;
    }

    /// <summary>The dashboard's page itself, where a browser without a session gets the sign-in form.</summary>
    internal static bool IsPage(HttpRequest request) =>
        request.Path.Value?.TrimEnd('/') is { } path
        && (path.Equals(Route, StringComparison.OrdinalIgnoreCase) || path.Equals(Route + "/index.html", StringComparison.OrdinalIgnoreCase));

    internal static bool IsGrainStateRoute(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && route.EndsWith(GrainStateRouteSuffix, StringComparison.Ordinal);

    /// <summary>
    /// <c>POST /dashboard/sign-in</c>, the form's <c>token</c>: the admin token → the session cookie and back to the
    /// dashboard (302); empty → the form again (401); wrong → the form again (403, as a wrong token in the header);
    /// after too many wrong ones from this client → the form again (429), whatever the token.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpRequest request, AdminCredential admin, DashboardSessions sessions)
    {
        var form = await Apis.FormBody.TryReadAsync(request);
        var token = form?[DashboardSignInPage.TokenField].ToString() ?? "";
        if (token.Length == 0)
        {
            return DashboardSignInPage.Result(request, DashboardSignInPage.MissingToken, StatusCodes.Status401Unauthorized);
        }

        switch (admin.Verify(request.HttpContext, token))
        {
            case AdminTokenVerdict.Wrong:
                return DashboardSignInPage.Result(request, DashboardSignInPage.WrongToken, StatusCodes.Status403Forbidden);
            case AdminTokenVerdict.Limited:
                return DashboardSignInPage.Result(request, DashboardSignInPage.GuessesLimited, StatusCodes.Status429TooManyRequests);
        }

        sessions.SignIn(request.HttpContext.Response);
        return Results.Redirect(request.PathBase.Add(Route + "/").Value!);
    }

    /// <summary>
    /// <c>POST /dashboard/sign-out</c>: removes this browser's session cookie and answers the sign-in form. Only a
    /// request that carries the session cookie removes it: the cookie is SameSite=Strict, so a form on another site
    /// posting here (to sign the operator out unasked) arrives without it and changes nothing. The cookie is not
    /// remembered by the server, so a copy of it taken elsewhere stays valid until it expires; changing the admin
    /// token ends every session at once.
    /// </summary>
    private static IResult SignOut(HttpRequest request, DashboardSessions sessions)
    {
        if (request.Cookies.ContainsKey(DashboardSessions.CookieName))
        {
            sessions.SignOut(request.HttpContext.Response);
        }

        return DashboardSignInPage.Result(request, DashboardSignInPage.SignedOut, StatusCodes.Status200OK);
    }
}
