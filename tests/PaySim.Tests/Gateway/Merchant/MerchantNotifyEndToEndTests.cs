using System.Text.Json;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Gateway.Merchant.MerchantGatewayHost;

namespace PaySim.Tests.Gateway.Merchant;

public abstract class MerchantNotifyEndToEndTests(StorageProviderKind store)
{
    [Fact]
    public async Task PaidQrOrder_NotifiesTheMerchantSignedAndRetriesEveryFiveSecondsUntilSuccess()
    {
        await using var host = await StartAsync(store);
        await using var backend = await MerchantBackendStandIn.StartAsync(fufuAnswers: ["FAIL", "FAIL", "SUCCESS"]);
        var merchant = await host.SeedAsync();
        var preOrder = await host.PostFufuAsync("preOrder", $$"""
            {"busi_id":"{{merchant.MerchantId}}","total_fee":"250","channel_type":"1","pay_subject":"测试 商品","out_trade_no":"N1",
             "fee_type":"CNY","trade_type":"QRCODE","notifyUrl":"{{backend.BaseUrl}}/notify","merchant_param":"MDEwMDAwMDE="}
            """, merchant.Key);
        var tradeNumber = Text(preOrder, "data.trade_no");

        using var paid = await host.Client.PostAsync("/online/pay/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tradeNo"] = tradeNumber, ["username"] = MerchantTestCluster.Payer, ["password"] = MerchantTestCluster.Password,
        }));
        Assert.Contains(CashierTexts.Paid, await paid.Content.ReadAsStringAsync());

        var attemptTimes = new List<DateTimeOffset>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var attempted = await host.AdvanceUntilAttemptAsync(merchant.MerchantId + ":N1", attempt);
            attemptTimes.Add(attempted!.LastAttemptAt!.Value);
        }

        await Eventually.HoldsAsync(() => backend.Received.Count >= 3, "three notifications arrived");
        Assert.All(attemptTimes.Zip(attemptTimes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= MerchantNotificationGrain.FufuRetryInterval));
        var status = await host.Grains.GetGrain<IMerchantNotificationGrain>(merchant.MerchantId + ":N1").GetStatusAsync();
        Assert.Equal((3, true), (status!.AttemptCount, status.Delivered));
        foreach (var (query, body) in backend.Received)
        {
            Assert.True(FufuSignature.TryParse(Uri.UnescapeDataString(query["?sign=".Length..]), out var digest, out var timestamp));
            Assert.Equal(FufuSigning.Sign(timestamp, merchant.Key, body), $"{digest}:{timestamp}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal(("1", tradeNumber, "MDEwMDAwMDE="), (Text(json.RootElement, "data.state"), Text(json.RootElement, "data.trade_no"), Text(json.RootElement, "data.merchant_param")));
        }
    }

    [Fact]
    public async Task NotifyHostAllowList_RefusesNotifyUrlsOfOtherHosts_InBothApis()
    {
        await using var host = await StartAsync(store, settings: new Dictionary<string, string?>
        {
            ["PaySim:Merchant:NotifyHostAllowList:0"] = "merchant.example",
            ["PaySim:Merchant:NotifyHostAllowList:1"] = "10.1.2.3",
        });
        var merchant = await host.SeedAsync();
        var order = 0;
        async Task<string> PreOrderAsync(string notifyUrl)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var reply = await host.PostFufuAsync("preOrder", $$"""
                {"busi_id":"{{merchant.MerchantId}}","total_fee":"250","channel_type":"1","pay_subject":"测试商品","out_trade_no":"H{{++order}}",
                 "fee_type":"CNY","trade_type":"QRCODE","notifyUrl":"{{notifyUrl}}"}
                """, merchant.Key);
            return Text(reply, "data.return_code") == "SUCCESS" ? "SUCCESS" : Text(reply, "data.return_msg");
        }

        Assert.Equal("SUCCESS", await PreOrderAsync("http://merchant.example/notify"));
        Assert.Equal("SUCCESS", await PreOrderAsync("https://shop.Merchant.Example:8443/notify?x=1"));
        Assert.Equal("SUCCESS", await PreOrderAsync("http://10.1.2.3/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("http://127.0.0.1:9/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("http://localhost/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("http://evilmerchant.example/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("http://merchant.example.evil.test/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("http://10.1.2.33/notify"));
        Assert.Equal("ILLEGAL_PARAMETER", await PreOrderAsync("ftp://merchant.example/notify"));

        using var refused = await host.Client.PostAsync("/pay.action",
            new FormUrlEncodedContent(AggregatorApiTests.PayForm(merchant, "HA1", "http://127.0.0.1:9")));
        using var allowed = await host.Client.PostAsync("/pay.action",
            new FormUrlEncodedContent(AggregatorApiTests.PayForm(merchant, "HA2", "http://merchant.example")));
        Assert.Equal((400, 200), ((int)refused.StatusCode, (int)allowed.StatusCode));
    }
}
