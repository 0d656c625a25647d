using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Trades;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class TradeGrainTests(GrainClusterFixture fixture)
{
    private const long TimeLimitMinutes = 30;

    private ITradeGrain Trade(string tradeId) => fixture.Grains.GetGrain<ITradeGrain>(tradeId);

    private static string NewTradeId() => "trade-" + Guid.NewGuid().ToString("N");

    private async Task<(string TradeId, string Payer, string Merchant)> CreateTradeAsync(
        long payerFen, long amountFen, long timeLimitMinutes = TimeLimitMinutes, string? tradeId = null)
    {
        var payer = await fixture.OpenAccountAsync(payerFen);
        var merchant = await fixture.OpenAccountAsync(0);
        tradeId ??= NewTradeId();
        var creation = await Trade(tradeId).CreateAsync(new TradeRequest(payer, merchant, amountFen, timeLimitMinutes));
        Assert.Equal(TradeResult.Ok, creation.Result);
        return (tradeId, payer, merchant);
    }

    [Fact]
    public async Task Create_ReturnsATransactionId_AndAPendingTrade()
    {
        var payer = await fixture.OpenAccountAsync(0);
        var merchant = await fixture.OpenAccountAsync(0);
        var tradeId = NewTradeId();

        var creation = await Trade(tradeId).CreateAsync(new TradeRequest(payer, merchant, 500, TimeLimitMinutes));

        Assert.Equal(TradeResult.Ok, creation.Result);
        Assert.Matches("^[0-9]{27}$", creation.TransactionId);
        var now = fixture.Clock.GetUtcNow();
        Assert.Equal(
            new TradeSnapshot(tradeId, creation.TransactionId!, TradeState.Pending, payer, merchant, 500, now, now.AddMinutes(TimeLimitMinutes)),
            await Trade(tradeId).GetSnapshotAsync());
    }

    [Fact]
    public async Task Create_WithATakenTradeId_ReturnsTradeIdTaken_AndKeepsTheFirstTrade()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(0, 100);

        var second = await Trade(tradeId).CreateAsync(new TradeRequest(merchant, payer, 999, 5));

        Assert.Equal(new TradeCreation(TradeResult.TradeIdTaken, null), second);
        Assert.Equal((payer, 100L), ((await Trade(tradeId).GetSnapshotAsync())!.Source, (await Trade(tradeId).GetSnapshotAsync())!.AmountFen));
    }

    [Fact]
    public async Task Create_RefusesInvalidRequests_InPrecedenceOrder_AndStoresNothing()
    {
        var payer = await fixture.OpenAccountAsync(0);
        var frozen = await fixture.OpenAccountAsync(0);
        await fixture.Account(frozen).FreezeAsync();
        var missing = "missing-" + Guid.NewGuid().ToString("N");
        var tradeId = NewTradeId();

        async Task<TradeResult> CreateAsync(string source, string target, long amountFen, long minutes) =>
            (await Trade(tradeId).CreateAsync(new TradeRequest(source, target, amountFen, minutes))).Result;

        Assert.Equal(TradeResult.InvalidAmount, await CreateAsync(payer, payer, 0, 0));
        Assert.Equal(TradeResult.InvalidAmount, await CreateAsync(payer, frozen, MoneyLimits.AmountFenMax + 1, 5));
        Assert.Equal(TradeResult.InvalidTimeLimit, await CreateAsync(payer, payer, 1, 0));
        Assert.Equal(TradeResult.InvalidTimeLimit, await CreateAsync(payer, frozen, 1, TradeLimits.TimeLimitMinutesMax + 1));
        Assert.Equal(TradeResult.SameAccount, await CreateAsync(payer, payer, 1, 5));
        Assert.Equal(TradeResult.NoSuchAccount, await CreateAsync(missing, payer, 1, 5));
        Assert.Equal(TradeResult.NoSuchAccount, await CreateAsync(payer, missing, 1, 5));
        Assert.Equal(TradeResult.AccountFrozen, await CreateAsync(payer, frozen, 1, 5));
        Assert.Equal(TradeResult.AccountFrozen, await CreateAsync(frozen, payer, 1, 5));
        Assert.Null(await Trade(tradeId).GetSnapshotAsync());
    }

    [Fact]
    public async Task Pay_MovesTheAmount_AndMarksTheTradePaid()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(1_000, 250);

        Assert.Equal(TradeResult.Ok, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));

        Assert.Equal(TradeState.Paid, (await Trade(tradeId).GetSnapshotAsync())!.State);
        Assert.Equal((750L, 250L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task Pay_IsRefused_InPrecedenceOrder_AndMovesNothing()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(100, 250);

        Assert.Equal(TradeResult.NoSuchTrade, await Trade(NewTradeId()).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal(TradeResult.NotTradeSource, await Trade(tradeId).PayAsync(merchant, GrainClusterFixture.Password));
        Assert.Equal(TradeResult.BadPassword, await Trade(tradeId).PayAsync(payer, "wrong"));
        Assert.Equal(TradeResult.InsufficientFunds, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));

        Assert.Equal(TradeState.Pending, (await Trade(tradeId).GetSnapshotAsync())!.State);
        Assert.Equal((100L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task Pay_ToAMerchantFrozenAfterCreation_ReturnsAccountFrozen_AndTheTradeStaysPending()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(500, 250);
        await fixture.Account(merchant).FreezeAsync();

        Assert.Equal(TradeResult.AccountFrozen, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));

        Assert.Equal(TradeState.Pending, (await Trade(tradeId).GetSnapshotAsync())!.State);
        Assert.Equal(500, await fixture.BalanceAsync(payer));
    }

    [Fact]
    public async Task SixtyFourConcurrentPayments_OfOneTrade_SucceedExactlyOnce()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(10_000, 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password)));

        Assert.Equal(1, results.Count(result => result == TradeResult.Ok));
        Assert.Equal(63, results.Count(result => result == TradeResult.AlreadyPaid));
        Assert.Equal((9_900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task CreditRefusedByTheMerchant_IsReversed_AndTheTradeCanStillBePaid()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(500, 250);
        var movement = (long index) => new AccountMovement($"fill-{merchant}-{index}", MovementKind.Deposit, MoneyLimits.AmountFenMax, null, null);
        for (var index = 0; index < MoneyLimits.BalanceFenMax / MoneyLimits.AmountFenMax; index++)
        {
            Assert.Equal(AccountResult.Ok, await fixture.Account(merchant).ApplyAsync(movement(index)));
        }

        Assert.Equal(TradeResult.BalanceOverflow, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal((TradeState.Pending, 500L), ((await Trade(tradeId).GetSnapshotAsync())!.State, await fixture.BalanceAsync(payer)));

        await fixture.Account(merchant).ApplyAsync(new AccountMovement($"drain-{merchant}", MovementKind.Withdrawal, 1_000, null, null));
        Assert.Equal(TradeResult.Ok, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal(250, await fixture.BalanceAsync(payer));
    }

    [Fact]
    public async Task PendingTrade_ExpiresWhenItsTimeLimitRunsOut()
    {
        var tradeId = NewTradeId();
        using var arming = ReminderArmings.Watch("trade", tradeId, "trade");
        var (_, payer, _) = await CreateTradeAsync(1_000, 100, timeLimitMinutes: 1, tradeId);
        var store = fixture.Cluster.Store().GrainStateStore;
        await arming.ArmedAsync();

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TradeState.Pending, (await Trade(tradeId).GetSnapshotAsync())!.State);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(() => StoredState.ReadAsync<TradeGrainState>(store, "trade", tradeId),
            state => state?.Phase == TradePhase.Expired, "the expiry reminder expired the trade");
        Assert.Equal(TradeResult.TradeExpired, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal(1_000, await fixture.BalanceAsync(payer));
    }

    [Fact]
    public async Task PaymentInterruptedAfterTheDebit_IsCompletedByTheReminder_EvenPastTheTimeLimit()
    {
        var tradeId = NewTradeId();
        using var arming = ReminderArmings.Watch("trade", tradeId, "trade");
        var (_, payer, merchant) = await CreateTradeAsync(1_000, 100, timeLimitMinutes: 1, tradeId);
        var store = fixture.Cluster.Store().GrainStateStore;
        await arming.ArmedAsync();
        // What a crash between debit and credit leaves: the Paying intent, its reminder due in a minute, and the debit.
        var paying = (await StoredState.ReadAsync<TradeGrainState>(store, "trade", tradeId))!;
        paying.Phase = TradePhase.Paying;
        paying.PaymentAttempt = 1;
        await fixture.Cluster.DeactivateAllAsync();
        await StoredState.OverwriteAsync(store, "trade", tradeId, paying);
        await fixture.Account(payer).ApplyAsync(new AccountMovement($"trade:{tradeId}:1:out", MovementKind.PaymentOut, 100, merchant, "trade:" + tradeId));

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        await Eventually.HoldsAsync(() => StoredState.ReadAsync<TradeGrainState>(store, "trade", tradeId),
            state => state?.Phase == TradePhase.Paid, "the reminder completed the payment");
        Assert.Equal((900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task Query_OfAPaymentInterruptedAfterTheDebit_FinishesItFirst_AndAnswersPaid()
    {
        var (tradeId, payer, merchant) = await LeaveAPaymentInterruptedAfterTheDebitAsync();

        // No reminder tick: the clock does not move, so only the query itself can finish the payment.
        var snapshot = await Trade(tradeId).GetSnapshotAsync();

        Assert.Equal(TradeState.Paid, snapshot!.State);
        Assert.Equal((900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        Assert.Equal(TradeResult.AlreadyPaid, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal((900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task Query_OfAPaymentInterruptedAfterTheDebit_WhenTheMerchantWasFrozenSince_ReversesItFirst_AndAnswersPending()
    {
        var (tradeId, payer, merchant) = await LeaveAPaymentInterruptedAfterTheDebitAsync();
        await fixture.Account(merchant).FreezeAsync();

        var snapshot = await Trade(tradeId).GetSnapshotAsync();

        // Pending is true only once the payer has the money back: the credit is refused, so the debit is reversed.
        Assert.Equal(TradeState.Pending, snapshot!.State);
        Assert.Equal((1_000L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        Assert.Equal(TradeResult.AccountFrozen, await Trade(tradeId).PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal((1_000L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Theory]
    [InlineData(StorageProviderKind.Memory)]
    [InlineData(StorageProviderKind.Sqlite)]
    public async Task ExpiryReminder_SurvivesASiloRestart(StorageProviderKind store)
    {
        var clock = new FakeTimeProvider();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-trade-tests", Guid.NewGuid().ToString("N"));
        await using var cluster = await PaySimTestCluster.StartAsync(store == StorageProviderKind.Memory ? GrainClusterFixture.Options(clock) : new PaySimTestClusterOptions
        {
            TimeProvider = clock,
            Storage = new StorageOptions { Provider = store, DataDirectory = dataDirectory },
        });
        var payer = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 1_000);
        var merchant = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 0);
        var tradeId = NewTradeId();
        await cluster.GrainFactory.GetGrain<ITradeGrain>(tradeId).CreateAsync(new TradeRequest(payer, merchant, 100, 1));

        using var arming = ReminderArmings.Watch("trade", tradeId, "trade");
        await cluster.RestartSiloAsync(0);
        // The restarted silo loads the reminder from the store in the background; its due time must not pass before.
        await arming.ArmedAsync(cluster.Cluster.Silos[0].SiloAddress);
        clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => StoredState.ReadAsync<TradeGrainState>(cluster.Store().GrainStateStore, "trade", tradeId),
            state => state?.Phase == TradePhase.Expired, "the expiry reminder fired after the restart");
        // The reminder is dropped after Expired is stored, in a later commit that the poll above may see before.
        var reminders = cluster.Store().ReminderStore;
        await Eventually.HoldsAsync(() => reminders.ReadAsync(new StoredGrainId("trade", tradeId), "trade", CancellationToken.None),
            reminder => reminder is null, "the expired trade dropped its reminder");
    }

    /// <summary>
    /// Creates a trade of 100 fen from a payer holding 1 000 and leaves it as a crash between debit and credit does: the
    /// payment's movement stored in flight and the payer debited, the merchant not yet credited.
    /// </summary>
    private async Task<(string TradeId, string Payer, string Merchant)> LeaveAPaymentInterruptedAfterTheDebitAsync()
    {
        var (tradeId, payer, merchant) = await CreateTradeAsync(1_000, 100);
        var store = fixture.Cluster.Store().GrainStateStore;
        var paying = (await StoredState.ReadAsync<TradeGrainState>(store, "trade", tradeId))!;
        paying.Phase = TradePhase.Paying;
        paying.PaymentAttempt = 1;
        paying.InFlight = new Movement(MovementFlow.TradePayment, $"trade:{tradeId}:1", "trade:" + tradeId, payer, merchant, 100,
            MovementKind.PaymentOut, MovementKind.PaymentIn, fixture.Clock.GetUtcNow());
        await fixture.Cluster.DeactivateAllAsync();
        await StoredState.OverwriteAsync(store, "trade", tradeId, paying);
        await fixture.Account(payer).ApplyAsync(new AccountMovement($"trade:{tradeId}:1:out", MovementKind.PaymentOut, 100, merchant, "trade:" + tradeId));
        Assert.Equal((900L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        return (tradeId, payer, merchant);
    }
}
