using Microsoft.Playwright;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// Headless Chromium for the browser tests: Debian's own (<c>/usr/bin/chromium</c>, installed by deploy/test.sh), driven
/// by Playwright, which never downloads a browser here. Disposing closes the browser and Playwright.
/// </summary>
public sealed class SystemChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>No sandbox (the tests run as root), no GPU, and nothing that reaches out to the network by itself.</summary>
    private static readonly string[] s_arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;

    private SystemChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<SystemChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath, Headless = true, Args = s_arguments,
            });
            return new SystemChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
