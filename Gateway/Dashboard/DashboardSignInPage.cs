using System.Net;

namespace PaySim.Gateway.Dashboard;

/// <summary>
/// The form a browser gets at <c>/dashboard</c> until it is signed in: one password field for the admin token, posted
/// to <c>/dashboard/sign-in</c>; and the one at <c>/dashboard/sign-out</c>, a button that posts there. The pages load
/// nothing else and may not be framed by another site.
/// </summary>
public static class DashboardSignInPage
{
    public const string TokenField = "token";

    public const string MissingToken = "Enter the admin token to see the dashboard.";
    public const string WrongToken = "That is not the admin token.";
    public const string GuessesLimited = "Too many wrong tokens from here: wait a minute before trying again.";
    public const string SignedOut = "Signed out. Enter the admin token to see the dashboard again.";

    /// <summary>Only the page's own inline style; the form posts to this gateway only; no other site may frame it.</summary>
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The form, with <paramref name="message"/> above it, answered with <paramref name="statusCode"/>.</summary>
    public static IResult Result(HttpRequest request, string message, int statusCode)
    {
        var messageClass = statusCode is StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests ? "refused" : "hint";
        var form = $$"""
              <p id="message" class="{{messageClass}}">{{WebUtility.HtmlEncode(message)}}</p>
              <label for="token">Admin token (<code>PaySim:Admin:Token</code>, or the <code>admin-token</code> file)</label>
              <input id="token" name="{{TokenField}}" type="password" autocomplete="current-password" required autofocus>
              <button id="sign-in" type="submit">Sign in</button>
            """;
        return Page(request, "sign in", DashboardApi.SignInRoute, form, statusCode);
    }

    /// <summary>The sign-out button, which posts to <c>/dashboard/sign-out</c>.</summary>
    public static IResult SignOutResult(HttpRequest request) =>
        Page(request, "sign out", DashboardApi.SignOutRoute, """
              <p id="message" class="hint">Sign this browser out of the dashboard.</p>
              <button id="sign-out" type="submit">Sign out</button>
            """, StatusCodes.Status200OK);

    private static IResult Page(HttpRequest request, string title, string route, string form, int statusCode)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        var action = WebUtility.HtmlEncode(request.PathBase.Add(route).ToString());
        return Results.Content(Render(title, action, form), "text/html; charset=utf-8", statusCode: statusCode);
    }

    private static string Render(string title, string action, string form) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>PaySim dashboard: {{title}}</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f4f4f6; display: flex; justify-content: center; padding-top: 12vh; }
          form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 22rem; }
          h1 { font-size: 1.25rem; margin: 0 0 1rem; }
          label, input, button { display: block; width: 100%; box-sizing: border-box; }
          input { margin: .4rem 0 1rem; padding: .5rem; font-size: 1rem; }
          button { padding: .6rem; font-size: 1rem; background: #5c2d91; color: #fff; border: 0; border-radius: 4px; }
          .hint { color: #444; }
          .refused { color: #a4262c; font-weight: 600; }
        </style>
        </head>
        <body>
        <form method="post" action="{{action}}">
          <h1>PaySim dashboard</h1>
        {{form}}
        </form>
        </body>
        </html>
        """;
}
