using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Transfers;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class TransferGrainTests(GrainClusterFixture fixture)
{
    private Task<TransferResult> TransferAsync(string source, string target, long amountFen, string? id = null, string? password = null) =>
        fixture.Grains.GetGrain<ITransferGrain>(id ?? Guid.NewGuid().ToString("N"))
            .ExecuteAsync(new TransferRequest(source, target, amountFen, password));

    /// <summary>Waits until the transfer's activation has retired, so that its next call activates it afresh.</summary>
    private Task RetiredAsync(string id) =>
        Eventually.HoldsAsync(
            () => fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)fixture.Grains.GetGrain<ITransferGrain>(id)),
            count => count == 0, "the settled transfer's activation retired");

    [Fact]
    public async Task Transfer_MovesTheAmount_FromSourceToTarget()
    {
        var source = await fixture.OpenAccountAsync(1_000);
        var target = await fixture.OpenAccountAsync(5);

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 300));

        Assert.Equal((700L, 305L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task Transfer_WhenBalanceInsufficient_ReturnsInsufficientFunds_AndNothingMoves()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);

        Assert.Equal(TransferResult.InsufficientFunds, await TransferAsync(source, target, 101));

        Assert.Equal((100L, 0L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task Transfer_RefusesInvalidRequests_InPrecedenceOrder()
    {
        var source = await fixture.OpenAccountAsync(100);
        var frozen = await fixture.OpenAccountAsync(0);
        await fixture.Account(frozen).FreezeAsync();
        var missing = "missing-" + Guid.NewGuid().ToString("N");

        Assert.Equal(TransferResult.InvalidAmount, await TransferAsync(source, source, 0));
        Assert.Equal(TransferResult.SameAccount, await TransferAsync(source, source, 1));
        Assert.Equal(TransferResult.NoSuchAccount, await TransferAsync(missing, source, 1));
        Assert.Equal(TransferResult.NoSuchAccount, await TransferAsync(source, missing, 1));
        Assert.Equal(TransferResult.AccountFrozen, await TransferAsync(source, frozen, 1));
        Assert.Equal(TransferResult.AccountFrozen, await TransferAsync(frozen, source, 1));
        Assert.Equal(TransferResult.BadPassword, await TransferAsync(source, frozen, 1, password: "wrong"));
        Assert.Equal(100, await fixture.BalanceAsync(source));
    }

    /// <summary>
    /// No account can be named by whitespace (Orleans refuses it as a grain key). Such a target once took the source's
    /// money and threw on every credit attempt, recovery's included, so the money never came back.
    /// </summary>
    [Theory]
    [InlineData(" ")]
    [InlineData("\u3000")]
    [InlineData("\t")]
    public async Task Transfer_ToOrFromANameOfWhitespaceOnly_ReturnsNoSuchAccount_AndNothingMoves(string blank)
    {
        var source = await fixture.OpenAccountAsync(100);

        Assert.Equal(TransferResult.NoSuchAccount, await TransferAsync(source, blank, 10));
        Assert.Equal(TransferResult.NoSuchAccount, await TransferAsync(blank, source, 10));

        Assert.Equal(100, await fixture.BalanceAsync(source));
    }

    [Fact]
    public async Task Transfer_WithTheRightPassword_Succeeds()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 60, password: GrainClusterFixture.Password));
        Assert.Equal(40, await fixture.BalanceAsync(source));
    }

    [Fact]
    public async Task RetriedTransferId_ReturnsTheFirstOutcome_AndMovesMoneyOnce()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 70, id));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 70, id));
        Assert.Equal(TransferResult.RequestIdConflict, await TransferAsync(source, target, 71, id));

        Assert.Equal((30L, 70L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task SettledTransfer_RetiresItsActivation_AndARetryReadsTheStoredOutcomeBack()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 70, id));
        await RetiredAsync(id);

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 70, id));
        Assert.Equal(TransferResult.RequestIdConflict, await TransferAsync(source, target, 71, id));
        Assert.Equal((30L, 70L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    /// <summary>
    /// A new activation does not read its state before the intent's write (IDeferredReadState); a refusal it reaches
    /// before that write (a wrong password) must not hide a transfer stored under the id: another request under it is
    /// a conflict, whatever its password. A retry of the same request with a wrong password is refused, never told the
    /// transfer succeeded; with the right one it answers the stored success.
    /// </summary>
    [Fact]
    public async Task SettledTransfer_RetriedWithAWrongPasswordOnANewActivation_IsRefused_AndAnotherRequestIsAConflict()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var (first, second) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 60, first, GrainClusterFixture.Password));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 10, second, GrainClusterFixture.Password));
        await RetiredAsync(first);
        await RetiredAsync(second);

        Assert.Equal(TransferResult.RequestIdConflict, await TransferAsync(source, target, 61, first, "wrong"));
        Assert.Equal(TransferResult.BadPassword, await TransferAsync(source, target, 10, second, "wrong"));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 10, second, GrainClusterFixture.Password));
        Assert.Equal((30L, 70L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task RetriedTransferId_AfterARefusal_IsTriedAfresh_AndThenAppliedOnce()
    {
        var source = await fixture.OpenAccountAsync(10);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(TransferResult.InsufficientFunds, await TransferAsync(source, target, 50, id));

        await fixture.Account(source).ApplyAsync(new AccountMovement("top-up-" + id, MovementKind.Deposit, 100, null, null));

        // docs/api.md, "Retries": a failed request applied nothing, so its id is still free.
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 50, id));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 50, id));
        Assert.Equal((60L, 50L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task RetriedTransferId_AfterAReversal_IsTriedAfresh_WithNewOperationIds()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");
        await fixture.Account(target).FreezeAsync();
        Assert.Equal(TransferResult.AccountFrozen, await TransferAsync(source, target, 30, id));
        Assert.Equal(100, await fixture.BalanceAsync(source));

        var other = await fixture.OpenAccountAsync(0);
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, other, 30, id));
        Assert.Equal((70L, 30L, 0L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(other), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task CreditRefusedByTheTarget_IsReversed_AndReported()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(MoneyLimits.AmountFenMax);
        for (var deposit = 1; deposit < MoneyLimits.BalanceFenMax / MoneyLimits.AmountFenMax; deposit++)
        {
            await fixture.Account(target).ApplyAsync(new AccountMovement(Guid.NewGuid().ToString(), MovementKind.Deposit, MoneyLimits.AmountFenMax, null, null));
        }

        Assert.Equal(TransferResult.BalanceOverflow, await TransferAsync(source, target, 1));

        Assert.Equal((100L, MoneyLimits.BalanceFenMax), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task TransferInterruptedAfterTheDebit_IsCompletedByItsReminder()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");
        var store = fixture.Cluster.Store().GrainStateStore;
        // What a crash between debit and credit leaves: the intent, its reminder, and the debit.
        await StoredState.WriteNewAsync(store, "transfer", id, new TransferGrainState
        {
            Source = source, Target = target, AmountFen = 40, Status = TransferStatus.Started, StartedAt = fixture.Clock.GetUtcNow(),
        });
        var grainId = new StoredGrainId("transfer", id);
        await fixture.Cluster.Store().ReminderStore.UpsertAsync(
            new StoredReminder(grainId, grainId.ToGrainId().GetUniformHashCode(), "recover", fixture.Clock.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1), Etag: ""),
            CancellationToken.None);
        await fixture.Account(source).ApplyAsync(new AccountMovement($"transfer:{id}:out", MovementKind.TransferOut, 40, target, "transfer:" + id));
        // The silo comes back after the crash and loads the reminder from the store.
        using var arming = ReminderArmings.Watch("transfer", id, "recover");
        await fixture.Cluster.RestartSiloAsync();
        await arming.ArmedAsync(fixture.Cluster.Cluster.Silos[0].SiloAddress);
        store = fixture.Cluster.Store().GrainStateStore;

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => StoredState.ReadAsync<TransferGrainState>(store, "transfer", id),
            state => state?.Status == TransferStatus.Completed, "the reminder completed the transfer");
        Assert.Equal((60L, 40L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 40, id));
    }

    [Fact]
    public async Task TransferLeftUnfinishedInALivingSilo_IsFinishedByTheRecoverySweep_ARecoveryDelayLater()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var id = Guid.NewGuid().ToString("N");
        var stores = fixture.Cluster.Store();
        var now = fixture.Clock.GetUtcNow();
        var movement = new Movement(MovementFlow.Transfer, MovementIds.Of(MovementFlow.Transfer, id, "1"), MovementIds.Reference(MovementFlow.Transfer, id),
            source, target, 40, MovementKind.TransferOut, MovementKind.TransferIn, now);
        // What a credit call that failed leaves while the silo runs on: the intent, which the store marked as holding a
        // movement in flight (a transfer has no reminder), and the debit.
        await StoredState.WriteNewAsync(stores.GrainStateStore, "transfer", id, new TransferGrainState
        {
            Source = source, Target = target, AmountFen = 40, Status = TransferStatus.Started, StartedAt = now, Attempt = 1, InFlight = movement,
        });
        Assert.Equal(AccountResult.Ok, await fixture.Account(source).ApplyAsync(movement.Debit(mayBeRetry: false)));

        // Less than a recovery delay on, a sweep leaves it alone: it may be a movement still running.
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, await fixture.BalanceAsync(target));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => StoredState.ReadAsync<TransferGrainState>(stores.GrainStateStore, "transfer", id),
            state => state?.Status == TransferStatus.Completed, "the sweep completed the transfer");
        Assert.Equal((60L, 40L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
        Assert.DoesNotContain(new StoredGrainId("transfer", id), await stores.GrainStateStore.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
    }

    [Fact]
    public async Task SettledTransfer_LeavesNoRecoveryReminder_AndNoMarkOfAMovementInFlight()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var (completed, refused) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

        Assert.Equal(TransferResult.Ok, await TransferAsync(source, target, 40, completed));
        Assert.Equal(TransferResult.InsufficientFunds, await TransferAsync(source, target, 400, refused));

        Assert.DoesNotContain(await fixture.Cluster.Store().ReminderStore.ReadByNameAsync("recover", CancellationToken.None),
            reminder => reminder.GrainId.Type == "transfer" && (reminder.GrainId.Key == completed || reminder.GrainId.Key == refused));
        Assert.DoesNotContain(await fixture.Cluster.Store().GrainStateStore.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None),
            grain => grain.Type == "transfer" && (grain.Key == completed || grain.Key == refused));
    }

    [Fact]
    public async Task ThousandsOfConcurrentRandomTransfers_ConserveTheTotal_AndReconcile()
    {
        const int AccountCount = 5;
        const long OpeningFen = 10_000;
        var accounts = new List<string>();
        for (var index = 0; index < AccountCount; index++)
        {
            accounts.Add(await fixture.OpenAccountAsync(OpeningFen));
        }

        var random = new Random(42);
        var transfers = Enumerable.Range(0, 3_000).Select(_ =>
        {
            var source = accounts[random.Next(AccountCount)];
            var target = accounts[random.Next(AccountCount)];
            return (source, target, amountFen: random.NextInt64(1, 3_000));
        }).ToList();

        var results = await Task.WhenAll(transfers.Select(t => TransferAsync(t.source, t.target, t.amountFen)));

        Assert.All(results, result => Assert.Contains(result, new[] { TransferResult.Ok, TransferResult.InsufficientFunds, TransferResult.SameAccount }));
        Assert.Contains(TransferResult.Ok, results);
        var balances = await Task.WhenAll(accounts.Select(fixture.BalanceAsync));
        Assert.Equal(AccountCount * OpeningFen, balances.Sum());
        Assert.All(balances, balance => Assert.True(balance >= 0));
        var report = await fixture.Grains.GetGrain<IReconciliationGrain>(0).RunAsync();
        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal(0, report.InFlightFen);
    }
}
