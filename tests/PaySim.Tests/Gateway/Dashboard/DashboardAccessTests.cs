using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Security;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Dashboard;

/// <summary>
/// /dashboard on a single node: nothing of it without the admin credential (the page answers the sign-in form, the
/// data routes 401), a wrong token refused, the right one traded for an HttpOnly, SameSite=Strict session cookie that
/// is not the token, and with that cookie (or the admin header) the page and its data routes answer.
/// </summary>
[Collection(SqliteApiCollection.Name)]
public sealed class DashboardAccessTests(SqliteApiFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.html")]
    public async Task ThePage_WithoutCredential_Is401_WithTheSignInForm(string page)
    {
        using var response = await _client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("action=\"/dashboard/sign-in\"", html);
        Assert.Contains($"name=\"{DashboardSignInPage.TokenField}\" type=\"password\"", html);
        Assert.DoesNotContain("index.min.js", html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/index.min.js")]
    [InlineData("/dashboard/version")]
    public async Task TheDataRoutesAndAssets_WithoutCredential_Are401(string route)
    {
        using var response = await _client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("ADMIN_TOKEN_MISSING", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SignIn_WithAWrongOrNoToken_IsRefused_AndSetsNoCookie()
    {
        using var wrong = await SignInAsync("not-the-token");
        using var empty = await SignInAsync("");

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains(DashboardSignInPage.WrongToken, await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.False(wrong.Headers.Contains(HeaderNames.SetCookie));
        Assert.False(empty.Headers.Contains(HeaderNames.SetCookie));
    }

    /// <summary>A body that is no readable form (multipart without its boundary, past the form limits) used to answer 503.</summary>
    [Theory]
    [InlineData("multipart/form-data", "token=abc")]
    [InlineData("multipart/form-data; boundary=xx", "token=abc")]
    [InlineData("application/x-www-form-urlencoded", "")]
    public async Task SignIn_WithABodyThatIsNoForm_AnswersTheSignInForm(string contentType, string body)
    {
        using var content = new StringContent(body.Length == 0 ? string.Join("&", Enumerable.Range(0, 1_100).Select(i => $"f{i}=1")) : body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await _client.PostAsync("/dashboard/sign-in", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(DashboardSignInPage.MissingToken, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_WithTheToken_SetsAStrictHttpOnlyCookieThatIsNotTheToken_AndRedirectsToTheDashboard()
    {
        using var response = await SignInAsync(PaySimApiFixture.AdminToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(SetCookieHeaderValue.ParseList(response.Headers.GetValues(HeaderNames.SetCookie).ToList()));
        Assert.Equal(DashboardSessions.CookieName, cookie.Name.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/dashboard", cookie.Path.Value);
        Assert.DoesNotContain(PaySimApiFixture.AdminToken, cookie.Value.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(PaySimApiFixture.AdminToken, response.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheSessionCookie_ThePageAndItsDataAnswer_WithTheOneSilo()
    {
        var cookie = await SessionCookieAsync();
        await CountersOnceTheSiloIsListedAsync();

        using var page = await GetAsync("/dashboard/", cookie: cookie);
        using var script = await GetAsync("/dashboard/index.min.js", cookie: cookie);
        using var counters = await GetAsync("/dashboard/DashboardCounters", cookie: cookie);
        using var clusterStats = await GetAsync("/dashboard/ClusterStats", cookie: cookie);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        var body = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("totalActiveHostCount").GetInt32());
        Assert.Equal("Active", Assert.Single(body.GetProperty("hosts").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, clusterStats.StatusCode);
    }

    /// <summary>Text that is no silo address used to reach Orleans' parser and a grain keyed by it: 503, an Error log.</summary>
    [Theory]
    [InlineData("SiloProperties")]
    [InlineData("SiloCounters")]
    [InlineData("SiloStats")]
    [InlineData("HistoricalStats")]
    public async Task ASiloRoute_ForTextThatIsNoSiloAddress_Is400_AndForTheSilo_Answers(string route)
    {
        var silo = Assert.Single((await CountersOnceTheSiloIsListedAsync()).GetProperty("hosts").EnumerateArray())
            .GetProperty("siloAddress").GetString();

        using var bad = await GetAsync($"/dashboard/{route}/xyz", adminToken: PaySimApiFixture.AdminToken);
        using var good = await GetAsync($"/dashboard/{route}/{silo}", adminToken: PaySimApiFixture.AdminToken);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(DashboardAccessFilter.NotASiloAddress, JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task TheAdminHeader_OpensTheDataRoutes_AndAWrongOneIs403()
    {
        using var right = await GetAsync("/dashboard/DashboardCounters", adminToken: PaySimApiFixture.AdminToken);
        using var wrong = await GetAsync("/dashboard/DashboardCounters", adminToken: "not-the-token");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task ATamperedCookie_IsTheSameAsNone()
    {
        var cookie = await SessionCookieAsync();
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? "B" : "A") + cookie[^1];

        using var response = await GetAsync("/dashboard/DashboardCounters", cookie: tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WhileWatched_GrainCallsAreCountedPerMethod()
    {
        var cookie = await SessionCookieAsync();
        // The first question to the dashboard turns the silos' call profiler on; calls after it are counted.
        (await GetAsync("/dashboard/DashboardCounters", cookie: cookie)).Dispose();
        var account = await fixture.OpenAccountAsync(100);
        await fixture.BalanceAsync(account);

        await Eventually.HoldsAsync(
            async () =>
            {
                await fixture.BalanceAsync(account);
                using var response = await GetAsync("/dashboard/TopGrainMethods", cookie: cookie);
                return await response.Content.ReadAsStringAsync();
            },
            text => text.Contains("AccountGrain", StringComparison.Ordinal),
            "the dashboard's busiest methods include the account grain's");
    }

    [Fact]
    public async Task SignOut_TellsTheBrowserToDropItsCookie_AndAnswersTheSignInForm()
    {
        var cookie = await SessionCookieAsync();
        using var page = await GetAsync("/dashboard/sign-out");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/sign-out");
        request.Headers.Add(HeaderNames.Cookie, $"{DashboardSessions.CookieName}={cookie}");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("action=\"/dashboard/sign-out\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(DashboardSignInPage.SignedOut, html);
        Assert.Contains("action=\"/dashboard/sign-in\"", html);
        var dropped = Assert.Single(SetCookieHeaderValue.ParseList(response.Headers.GetValues(HeaderNames.SetCookie).ToList()));
        Assert.Equal(DashboardSessions.CookieName, dropped.Name.Value);
        Assert.Equal("/dashboard", dropped.Path.Value);
        Assert.True(dropped.Expires < DateTimeOffset.UtcNow, $"the cookie expires at {dropped.Expires}");
        Assert.Equal("", dropped.Value.Value);
    }

    /// <summary>
    /// Another site's page can post a form here, but the browser sends the SameSite=Strict cookie only with this site's
    /// own requests: without it, the sign-out must not tell the browser to drop the cookie it did not send.
    /// </summary>
    [Fact]
    public async Task SignOut_WithoutTheSessionCookie_LeavesTheBrowsersCookieAlone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/sign-out");
        request.Headers.Add(HeaderNames.Origin, "https://elsewhere.example");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(HeaderNames.SetCookie));
    }

    [Fact]
    public async Task TheGrainStateViewer_IsRefused_EvenSignedIn()
    {
        var cookie = await SessionCookieAsync();

        using var response = await GetAsync("/dashboard/GrainState?grainId=a&grainType=PaySim.Grains.AccountGrain", cookie: cookie);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(DashboardApi.GrainStateRefused, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLiveLogStream_IsOff()
    {
        using var response = await GetAsync("/dashboard/Trace", adminToken: PaySimApiFixture.AdminToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// The dashboard's counters once they list a host: the dashboard collects them on a timer, so a test that runs
    /// first after the node started can find the list still empty (it did in CI).
    /// </summary>
    private async Task<JsonElement> CountersOnceTheSiloIsListedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var counters = await GetAsync("/dashboard/DashboardCounters", adminToken: PaySimApiFixture.AdminToken);
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            var body = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement;
            if (body.GetProperty("hosts").GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(200);
        }
    }

    private async Task<HttpResponseMessage> SignInAsync(string token) =>
        await _client.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([KeyValuePair.Create(DashboardSignInPage.TokenField, token)]));

    private async Task<string> SessionCookieAsync()
    {
        using var response = await SignInAsync(PaySimApiFixture.AdminToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).Single()).Value.Value!;
    }

    private async Task<HttpResponseMessage> GetAsync(string route, string? cookie = null, string? adminToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        if (cookie is not null)
        {
            request.Headers.Add(HeaderNames.Cookie, $"{DashboardSessions.CookieName}={cookie}");
        }

        if (adminToken is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, adminToken);
        }

        return await _client.SendAsync(request);
    }
}
