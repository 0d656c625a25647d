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
            Assert.Equal(FufuSignature.Sign(timestamp, merchant.Key, body), $"{digest}:{timestamp}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal(("1", tradeNumber, "MDEwMDAwMDE="), (Text(json.RootElement, "data.state"), Text(json.RootElement, "data.trade_no"), Text(json.RootElement, "data.merchant_param")));
        }
    }
}
