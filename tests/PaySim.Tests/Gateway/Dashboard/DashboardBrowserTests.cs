using System.Net.Http.Json;
using Microsoft.Playwright;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Hosting;
using PaySim.Tests.Gateway.Cluster;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Gateway.Dashboard;

/// <summary>
/// Orleans' dashboard in headless Chromium, on a local cluster of three standalone silos and one gateway
/// (deploy/cluster/local-cluster.sh on a fresh PostgreSQL database): a person signs in through the form, sees the
/// gateway's grain calls counted on the overview and the three silos, one silo is killed, and the dashboard shows two.
/// Screenshots (overview, three silos, two) are kept under the test output's TestResults/dashboard/ folder.
/// </summary>
[Trait("Tier", "System")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int KilledSilo = 3;
    private const string AdminToken = "dashboard-browser-test-token-52d1";

    /// <summary>Membership declares a killed silo dead in about 1.5 s on loopback; the page polls every second. Generous for a busy 2-core machine.</summary>
    private static readonly TimeSpan SiloCountTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The profiler reports each second and the page polls each second; its first report waits for the page's first question.</summary>
    private static readonly TimeSpan CountedCallsTimeout = TimeSpan.FromSeconds(60);

    private static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard");

    [Fact]
    public async Task SignedInThroughTheForm_SeesThreeSilos_ThenTwoAfterOneIsKilled()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["PaySim__Admin__Token"] = AdminToken,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var cluster = await LocalCluster.StartAsync(database.ConnectionString, SiloCount, gateways: 1, settings);
        try
        {
            var gateway = cluster.GatewayAddress(1);
            await using var chromium = await SystemChromium.LaunchAsync();
            var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });

            await SignInAsync(page, gateway);
            await WaitForCountedCallsAsync(page, gateway);
            await ScreenshotAsync(page, "overview.png");
            await page.GotoAsync(new Uri(gateway, DashboardApi.Route + "/#/silos").ToString());
            await WaitForActiveSilosAsync(page, SiloCount);
            await ScreenshotAsync(page, "three-silos.png");

            await cluster.KillSiloAsync(KilledSilo);
            await WaitForActiveSilosAsync(page, SiloCount - 1);
            await ScreenshotAsync(page, "two-silos.png");
        }
        catch
        {
            output.WriteLine($"cluster logs (port base {cluster.PortBase}):\n{cluster.LogTails()}");
            throw;
        }
    }

    /// <summary>Wrong token first (refused, the form again), then the right one, which lands on the dashboard.</summary>
    private static async Task SignInAsync(IPage page, Uri gateway)
    {
        var signInPage = await page.GotoAsync(new Uri(gateway, DashboardApi.Route).ToString());
        Assert.Equal(401, signInPage?.Status);
        await page.FillAsync("#token", "not-the-token");
        await page.ClickAsync("#sign-in");
        Assert.Equal(DashboardSignInPage.WrongToken, await page.InnerTextAsync("#message"));

        await page.FillAsync("#token", AdminToken);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(new Uri(gateway, DashboardApi.Route + "/").ToString());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), cookie => cookie.Name == DashboardSessions.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(AdminToken, cookie.Value, StringComparison.Ordinal);
    }

    /// <summary>Until the "Active Silos" counter, the Silo Health table and the Silo Map all show <paramref name="count"/> silos.</summary>
    private static async Task WaitForActiveSilosAsync(IPage page, int count)
    {
        var timeout = (float)SiloCountTimeout.TotalMilliseconds;
        var counter = page.Locator(".info-box", new PageLocatorOptions { HasText = "Active Silos" }).Locator(".info-box-number").First;
        // A Silo Health row links to its silo and counts its activations; the Silo Map shows each silo in a box.
        var healthRows = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("a[href^='#/host/']"), HasText = "activations" });
        var mapBoxes = page.Locator(".well a[href^='#/host/']");
        await Assertions.Expect(counter).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture), new LocatorAssertionsToHaveTextOptions { Timeout = timeout });
        await Assertions.Expect(healthRows).ToHaveCountAsync(count, new LocatorAssertionsToHaveCountOptions { Timeout = timeout });
        await Assertions.Expect(mapBoxes).ToHaveCountAsync(count, new LocatorAssertionsToHaveCountOptions { Timeout = timeout });
    }

    /// <summary>
    /// Account lookups through the gateway while the overview is open, until the overview's busiest methods list the
    /// account grain's: the open page turned the silos' call profiler on, and the silos hold activations to show.
    /// </summary>
    private static async Task WaitForCountedCallsAsync(IPage page, Uri gateway)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        string[] usernames = [TestAccountSeeder.RichAccount, TestAccountSeeder.EmptyAccount, "no-such-account-1", "no-such-account-2", "no-such-account-3"];
        var deadline = DateTime.UtcNow + CountedCallsTimeout;
        while (await page.GetByText("AccountGrain").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The overview listed no account grain method within {CountedCallsTimeout.TotalSeconds} s.");
            foreach (var username in usernames)
            {
                using var response = await client.PostAsJsonAsync("/PaySim", new { method = SeedMethods.QueryAccount, username });
                Assert.True((int)response.StatusCode is 200 or 404, $"{username}: {(int)response.StatusCode}");
            }

            await Task.Delay(200);
        }
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
