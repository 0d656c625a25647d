using Microsoft.Extensions.DependencyInjection;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

public sealed class PayerCodeGrainTests
{
    private const string MerchantId = "10000000000001";

    private static MerchantOrderRequest BarCodeOrder(string number) =>
        new(MerchantId, number, Shop, MerchantOrderChannel.BarCode, 500, "CNY", null, 500, "商品", TimeSpan.FromSeconds(80), null, new OrderEcho());

    [Fact]
    public async Task PayerCode_PaysOneOrderOnly()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        const string code = "280000000000000001";
        Assert.Equal(PayerCodeResult.Ok, (await cluster.GrainFactory.GetPayerCodeGrain(code).IssueAsync(Payer, Password)).Result);
        var first = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":B1");
        var second = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":B2");
        await first.CreateAsync(BarCodeOrder("B1"));
        await second.CreateAsync(BarCodeOrder("B2"));

        Assert.Equal(MerchantOrderResult.Ok, (await first.PayAsync(PayerAuthorisation.WithPayerCode(code))).Result);
        Assert.Equal(MerchantOrderResult.Ok, (await first.PayAsync(PayerAuthorisation.WithPayerCode(code))).Result);
        var reused = await second.PayAsync(PayerAuthorisation.WithPayerCode(code));

        Assert.Equal(MerchantOrderResult.InvalidPayerCode, reused.Result);
        Assert.Equal(MerchantOrderStatus.Closed, reused.Order!.Status);
        Assert.Equal(PayerBalanceFen - 500, await BalanceAsync(cluster.GrainFactory, Payer));
    }

    [Fact]
    public async Task PayerCode_AfterSixtySeconds_IsExpired()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var code = cluster.GrainFactory.GetPayerCodeGrain("280000000000000002");
        await code.IssueAsync(Payer, Password);

        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(PayerCodeResult.Expired, (await code.RedeemAsync("x")).Result);
    }

    [Fact]
    public async Task PayerCode_WithWrongPassword_IsNotIssued()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);

        var issue = await cluster.GrainFactory.GetPayerCodeGrain("280000000000000003").IssueAsync(Payer, "nope");

        Assert.Equal(PayerCodeResult.BadPassword, issue.Result);
    }

    [Fact]
    public async Task PayerCode_WhoseRedemptionFailedToStore_StaysSingleUse_AndPaysTheRetryingOrderOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new FaultInjectingStorageProvider();
        await using var cluster = await StartAsync(clock, configureServices: services => services.AddSingleton<IStorageProvider>(store));
        await SeedAsync(cluster.GrainFactory);
        const string code = "280000000000000004";
        Assert.Equal(PayerCodeResult.Ok, (await cluster.GrainFactory.GetPayerCodeGrain(code).IssueAsync(Payer, Password)).Result);
        var first = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":B5");
        var second = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":B6");
        await first.CreateAsync(BarCodeOrder("B5"));
        await second.CreateAsync(BarCodeOrder("B6"));

        // The redemption is the payment's first write; the store is down for it, so the merchant gets an error.
        store.FailNthWrite(1);
        Assert.NotNull(await Record.ExceptionAsync(() => first.PayAsync(PayerAuthorisation.WithPayerCode(code))));
        Assert.True(store.HasFailed);
        store.FailNthWrite(0);

        // The code is unredeemed in the store: the merchant's retry redeems it for real, and its order is paid once.
        Assert.Equal(MerchantOrderResult.Ok, (await first.PayAsync(PayerAuthorisation.WithPayerCode(code))).Result);
        Assert.Equal(MerchantId + ":B5", (await StoredState.ReadAsync<PayerCodeState>(store.GrainStateStore, "payercode", PayerCodeGrains.KeyOf(code)))?.RedeemedBy);
        // Whatever activation answers next reads the store, which must already say the code is used.
        await cluster.DeactivateAllAsync();
        var reused = await second.PayAsync(PayerAuthorisation.WithPayerCode(code));

        Assert.Equal(MerchantOrderResult.InvalidPayerCode, reused.Result);
        Assert.Equal(PayerBalanceFen - 500, await BalanceAsync(cluster.GrainFactory, Payer));
        Assert.Equal(500, await BalanceAsync(cluster.GrainFactory, Shop));
    }
}
