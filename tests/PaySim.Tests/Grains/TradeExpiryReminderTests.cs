using PaySim.Grains.Interfaces;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains;

/// <summary>
/// A trade's expiry reminder only writes down what the clock already says, so a store that takes the trade but fails
/// its reminder must not turn 发起交易 into a failure: the trade exists, and a retry could only answer TRADE_ID_TAKEN.
/// </summary>
public sealed class TradeExpiryReminderTests
{
    private const long AmountFen = 1_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WhenItsExpiryReminderFailsToRegister_AnswersTheStoredTrade_WhichStillExpiresByTheClock(bool asCancelled)
    {
        var clock = new FakeTimeProvider(Start);
        var store = new FailingReminders(ReminderFailure.Registration, asCancelled);
        await using var cluster = await StartAsync(clock, configureServices: store.Install);
        await SeedAsync(cluster.GrainFactory);
        var trade = cluster.GrainFactory.GetGrain<ITradeGrain>("trade-r1");
        store.Failing = true;

        var created = await trade.CreateAsync(new TradeRequest(Payer, Shop, AmountFen, TimeLimitMinutes: 1));

        Assert.True(store.FailedCount > 0, "the creation never registered its reminder, so this test tested nothing");
        Assert.Equal(TradeResult.Ok, created.Result);
        var snapshot = await trade.GetSnapshotAsync();
        Assert.Equal((created.TransactionId, TradeState.Pending), (snapshot?.TransactionId, snapshot?.State));
        Assert.Null(await store.ReminderStore.ReadAsync(new StoredGrainId("trade", "trade-r1"), "trade", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TradeState.Expired, (await trade.GetSnapshotAsync())?.State);
        Assert.Equal(TradeResult.TradeExpired, await trade.PayAsync(Payer, Password));
        Assert.Equal(PayerBalanceFen, await BalanceAsync(cluster.GrainFactory, Payer));
    }
}
