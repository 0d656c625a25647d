using System.Net;
using Microsoft.Playwright;
using PaySim.Gateway.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// The cashier page in headless Chromium: a merchant page posts the seed 002 form, the payer signs in and pays,
/// and lands on the merchant's returnurl. Uses the system Chromium; never downloads a browser.
/// </summary>
public sealed class CashierBrowserTests
{
    [Fact]
    public async Task PayerPaysOnTheCashierPage_AndReturnsToTheMerchant()
    {
        await using var host = await MerchantGatewayHost.StartAsync(StorageProviderKind.Sqlite);
        await using var backend = await MerchantBackendStandIn.StartAsync();
        var merchant = await host.SeedAsync();
        var form = AggregatorApiTests.PayForm(merchant, "W1", backend.BaseUrl);
        var inputs = string.Concat(form.Select(pair => $"<input type=\"hidden\" name=\"{pair.Key}\" value=\"{WebUtility.HtmlEncode(pair.Value)}\">"));

        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.SetContentAsync($"<form method=\"post\" action=\"{host.BaseUrl}/pay.action\">{inputs}<button id=\"go\">pay</button></form>");
        await page.ClickAsync("#go");
        await page.WaitForSelectorAsync("#pay");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "cashier-page.png"), FullPage = true });

        await page.FillAsync("#username", MerchantTestCluster.Payer);
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("#pay");
        Assert.Equal(CashierTexts.Outcome(PaySim.Grains.Interfaces.Merchant.MerchantOrderResult.BadPassword), await page.InnerTextAsync("#message"));

        await page.FillAsync("#username", MerchantTestCluster.Payer);
        await page.FillAsync("#password", MerchantTestCluster.Password);
        await page.ClickAsync("#pay");
        Assert.Equal(CashierTexts.Paid, await page.InnerTextAsync("#message"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "cashier-paid.png"), FullPage = true });

        await page.WaitForURLAsync(backend.BaseUrl + "/return", new PageWaitForURLOptions { Timeout = 15_000 });
        Assert.Equal(MerchantBackendStandIn.ReturnPageText, await page.InnerTextAsync("#returned"));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen - 150, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
    }
}
