using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Reminders.Diagnostics;
using Orleans.Runtime;
using Orleans.TestingHost;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Grains.Trades;
using PaySim.Grains.Transfers;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Grains;

/// <summary>
/// PaySim on several silos of one Orleans test cluster over one durable store (SQLite in a temporary folder, or a
/// fresh PostgreSQL database): one activation per grain whichever silo calls it, money that a killed silo left in
/// flight finished or reversed exactly once, and reminders of a killed silo taken over by a survivor. Each test has
/// its own cluster, so a killed silo never disturbs another test.
/// </summary>
public sealed class MultiSiloTests(ITestOutputHelper output)
{
    /// <summary>How often the recovery reminders of transfers and trades tick on the fake clock.</summary>
    private static readonly TimeSpan RecoveryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound (real time) for the cluster to settle after a kill and finish what the killed silo left.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AGrainCalledThroughEverySilo_HasOneActivation_AndSeesEveryDeposit()
    {
        await using var sqlite = SqliteTestFolder.Create();
        await using var cluster = await StartAsync(siloCount: 3, sqlite.Options);
        // The client (through a gateway) and each silo's own grain factory: four independent ways into the cluster.
        var callers = new List<IGrainFactory> { cluster.GrainFactory };
        callers.AddRange(Enumerable.Range(0, 3).Select(index => cluster.SiloServices(index).GetRequiredService<IGrainFactory>()));
        const int AccountCount = 4;
        const int DepositsPerCaller = 40;
        const long OpeningFen = 1_000;
        var accounts = new List<string>();
        for (var index = 0; index < AccountCount; index++)
        {
            // Opened through different silos, so the first activation of each account races from different places.
            accounts.Add(await GrainClusterFixture.OpenAccountAsync(callers[index % callers.Count], OpeningFen));
        }

        await cluster.DeactivateAllAsync();

        // Every caller deposits into every account at once; amounts differ so a lost or doubled deposit shows in the sum.
        var deposits = (
            from account in accounts
            from caller in Enumerable.Range(0, callers.Count)
            from deposit in Enumerable.Range(1, DepositsPerCaller)
            select (account, caller, operationId: $"deposit-{caller}-{deposit}", amountFen: (long)(caller * 1_000 + deposit))).ToList();
        var results = await Task.WhenAll(deposits.Select(d => callers[d.caller].GetGrain<IAccountGrain>(d.account)
            .ApplyAsync(new AccountMovement(d.operationId, MovementKind.Deposit, d.amountFen, null, "deposit"))));

        Assert.All(results, result => Assert.Equal(AccountResult.Ok, result));
        foreach (var account in accounts)
        {
            var expected = OpeningFen + deposits.Where(d => d.account == account).Sum(d => d.amountFen);
            // Every silo (and the client) reads the same balance: there is only one state to read.
            var seen = await Task.WhenAll(callers.Select(async caller => (await caller.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen));
            Assert.All(seen, balance => Assert.Equal(expected, balance));
            Assert.Equal(1, await ActivationCountAsync(cluster, GrainId.Create("account", account)));
            // A retried deposit (same operation id) through another silo is recognised, not applied again.
            Assert.Equal(AccountResult.Ok, await callers[3].GetGrain<IAccountGrain>(account)
                .ApplyAsync(new AccountMovement("deposit-0-1", MovementKind.Deposit, 1, null, "deposit", MayBeRetry: true)));
            Assert.Equal(expected, (await cluster.GrainFactory.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen);
        }

        var report = await cluster.GrainFactory.GetGrain<IReconciliationGrain>(0).RunAsync();
        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal(AccountCount * OpeningFen + deposits.Sum(d => d.amountFen), report.TotalBalanceFen);
    }

    [Fact]
    public async Task ASiloKilledDuringTransfers_LeavesEachTransferAppliedOnceOrNotAtAll_AndTheBooksReconcile_Sqlite()
    {
        await using var sqlite = SqliteTestFolder.Create();
        await SiloKilledDuringTransfersAsync(sqlite.Options);
    }

    [Fact]
    public async Task ASiloKilledDuringTransfers_LeavesEachTransferAppliedOnceOrNotAtAll_AndTheBooksReconcile_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await SiloKilledDuringTransfersAsync(new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString });
    }

    [Fact]
    public async Task RemindersOfAKilledSilo_AreLoadedAndFiredByASurvivor_Sqlite()
    {
        await using var sqlite = SqliteTestFolder.Create();
        await RemindersOfAKilledSiloAsync(sqlite.Options);
    }

    [Fact]
    public async Task RemindersOfAKilledSilo_AreLoadedAndFiredByASurvivor_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await RemindersOfAKilledSiloAsync(new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString });
    }

    /// <summary>
    /// Trades and merchant orders, each with its expiry reminder, spread over three silos; the silo that armed the first
    /// trade's reminder is killed. A survivor takes over its range, arms the reminders it had, and every trade and order
    /// is stored as expired by its own reminder.
    /// </summary>
    private async Task RemindersOfAKilledSiloAsync(StorageOptions storage)
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await StartAsync(siloCount: 3, storage, clock);
        var payer = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 1_000);
        var merchant = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 0);
        var merchantId = "m" + Guid.NewGuid().ToString("N")[..13];
        Assert.Equal(MerchantResult.Ok, (await cluster.GrainFactory.GetGrain<IMerchantGrain>(merchantId).RegisterAsync(new MerchantRegistration("测试商户", merchant))).Result);
        // Several of each, so their reminders (and activations) are spread over the silos' ranges.
        var expiring = Enumerable.Range(0, 12).Select(_ => GrainId.Create("trade", "trade-" + Guid.NewGuid().ToString("N")))
            .Concat(Enumerable.Range(0, 12).Select(_ => GrainId.Create("merchantorder", MerchantIndexKeys.Order(merchantId, "o" + Guid.NewGuid().ToString("N")[..20]))))
            .ToList();
        using var trades = new ReminderArmings(expiring.Where(IsTrade), "trade");
        using var orders = new ReminderArmings(expiring.Where(id => !IsTrade(id)), "expire");
        foreach (var id in expiring)
        {
            await CreateExpiringAsync(cluster.GrainFactory, id, payer, merchant, merchantId);
        }

        foreach (var id in expiring)
        {
            await WatchOf(id).ArmedAsync(id, _ => true);
        }

        var victim = cluster.Cluster.Silos.Single(silo => silo.SiloAddress == trades.ArmedOn(expiring[0]).First());
        var onVictim = expiring.Where(id => WatchOf(id).ArmedOn(id).Contains(victim.SiloAddress)).ToList();
        await KillAsync(cluster, victim);

        // A survivor took over the victim's range: it loads the reminders the victim had armed and arms them itself.
        foreach (var id in onVictim)
        {
            await WatchOf(id).ArmedAsync(id, silo => silo != victim.SiloAddress, RecoveryTimeout);
        }

        var store = cluster.Store();
        var steps = await AdvanceUntilAsync(clock, TimeSpan.FromSeconds(10), async () =>
        {
            var ended = await Task.WhenAll(expiring.Select(id => IsStoredAsExpiredAsync(store.GrainStateStore, id)));
            return ended.All(expired => expired);
        }, "every trade and order, those whose reminder was on the killed silo included, stored as expired by its reminder");

        // Expired trades and orders drop their reminders; none is left behind in the shared table.
        foreach (var id in expiring)
        {
            var key = new StoredGrainId(id.Type.ToString()!, id.Key.ToString()!);
            await Eventually.HoldsAsync(() => store.ReminderStore.ReadAsync(key, IsTrade(id) ? "trade" : "expire", CancellationToken.None),
                reminder => reminder is null, $"the reminder of the expired {id} dropped");
        }

        output.WriteLine($"{onVictim.Count} of {expiring.Count} reminders ({onVictim.Count(id => !IsTrade(id))} of them orders') were armed on the "
            + $"killed silo; all expired after {steps} clock steps.");
        Assert.NotEmpty(onVictim);
        Assert.Equal((1_000L, 0L), (await BalanceAsync(cluster, payer), await BalanceAsync(cluster, merchant)));

        ReminderArmings WatchOf(GrainId id) => IsTrade(id) ? trades : orders;
    }

    private static bool IsTrade(GrainId id) => id.Type.ToString() == "trade";

    private static async Task CreateExpiringAsync(IGrainFactory grains, GrainId id, string payer, string merchant, string merchantId)
    {
        if (IsTrade(id))
        {
            var creation = await grains.GetGrain<ITradeGrain>(id.Key.ToString()!).CreateAsync(new TradeRequest(payer, merchant, 100, TimeLimitMinutes: 1));
            Assert.Equal(TradeResult.Ok, creation.Result);
            return;
        }

        var orderNumber = id.Key.ToString()![(merchantId.Length + 1)..];
        var order = new MerchantOrderRequest(merchantId, orderNumber, merchant, MerchantOrderChannel.QrCode, 100, "CNY", null, 100, "商品",
            TimeSpan.FromMinutes(1), null, new OrderEcho());
        Assert.Equal(MerchantOrderResult.Ok, (await grains.GetGrain<IMerchantOrderGrain>(id.Key.ToString()!).CreateAsync(order)).Result);
    }

    /// <summary>What the store holds, not what a grain shows: an order shows expired by the clock before its reminder stores it.</summary>
    private static async Task<bool> IsStoredAsExpiredAsync(IGrainStateStore store, GrainId id)
    {
        if (IsTrade(id))
        {
            return (await StoredState.ReadAsync<TradeGrainState>(store, "trade", id.Key.ToString()!))?.Phase == TradePhase.Expired;
        }

        var record = await store.ReadStateAsync(new StoredGrainId("merchantorder", id.Key.ToString()!), "order", CancellationToken.None);
        return record?.Payload is { } payload
            && System.Text.Json.JsonSerializer.Deserialize<MerchantOrderGrainState>(payload)?.Status == MerchantOrderStatus.Expired;
    }

    /// <summary>
    /// What a silo killed after a transfer's debit leaves: the intent stored (which marks its row as holding a movement
    /// in flight) and the debit applied. The silos scanned for such movements when they started, before it existed, and
    /// the sweep runs on a fake clock the test never moves, so only the survivors' reaction to the death can finish it.
    /// </summary>
    [Fact]
    public async Task AMovementLeftInFlight_IsFinishedByASurvivor_SecondsAfterASiloIsDeclaredDead_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var clock = new FakeTimeProvider();
        await using var cluster = await StartAsync(siloCount: 3, new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString }, clock);
        var payer = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 1_000);
        var payee = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, 0);
        // Every silo's start-up scan is over (on a busy machine it can run seconds after the start), so none can find the scene.
        foreach (var silo in cluster.Cluster.Silos)
        {
            await silo.ServiceProvider.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<PaySim.Silo.Recovery.MovementRecovery>().Single().WhenIdleAsync();
        }

        var transferId = "left-in-flight-" + Guid.NewGuid().ToString("N");
        var movement = new Movement(MovementFlow.Transfer, MovementIds.Of(MovementFlow.Transfer, transferId, "1"),
            MovementIds.Reference(MovementFlow.Transfer, transferId), payer, payee, 400, MovementKind.TransferOut, MovementKind.TransferIn, clock.GetUtcNow());
        var store = cluster.Store();
        await StoredState.WriteNewAsync(store.GrainStateStore, "transfer", transferId, new TransferGrainState
        {
            Source = payer, Target = payee, AmountFen = 400, Status = TransferStatus.Started, StartedAt = movement.StartedAt, Attempt = 1, InFlight = movement,
        });
        Assert.Equal(AccountResult.Ok, await cluster.GrainFactory.GetGrain<IAccountGrain>(payer).ApplyAsync(movement.Debit(mayBeRetry: false)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await BalanceAsync(cluster, payee));

        await KillAsync(cluster, cluster.Cluster.Silos[^1]);
        var declaredDead = System.Diagnostics.Stopwatch.StartNew();

        await Eventually.HoldsAsync(() => BalanceAsync(cluster, payee), balance => balance == 400, "the transfer finished by a survivor", TimeSpan.FromSeconds(10));
        output.WriteLine($"finished {declaredDead.Elapsed.TotalSeconds:F1} s after every survivor declared the silo dead");
        Assert.Equal(600, await BalanceAsync(cluster, payer));
        // The outcome is stored just after the credit.
        var stored = await Eventually.HoldsAsync(() => StoredState.ReadAsync<TransferGrainState>(store.GrainStateStore, "transfer", transferId),
            state => state?.Status == TransferStatus.Completed, "the transfer stored as completed");
        Assert.Null(stored!.InFlight);
    }

    /// <summary>
    /// A merchant notification still pending when its silo dies: the stored notification after one attempt and its
    /// backstop reminder in the table, no activation (its retry timer died with the silo). The backstop ticks once a
    /// minute of real time; the survivors resume it seconds after the death, as seed 001 retries every 5 seconds.
    /// </summary>
    [Fact]
    public async Task APendingNotification_IsResumedByASurvivor_SecondsAfterItsSiloIsDeclaredDead_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var clock = new FakeTimeProvider();
        await using var cluster = await StartAsync(siloCount: 3, new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString }, clock);
        foreach (var silo in cluster.Cluster.Silos)
        {
            await silo.ServiceProvider.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<PaySim.Silo.Recovery.MovementRecovery>().Single().WhenIdleAsync();
        }

        var key = "10000000000001:left-pending-" + Guid.NewGuid().ToString("N");
        var store = cluster.Store();
        await StoredState.WriteNewAsync(store.GrainStateStore, "merchantnotification", key, new MerchantNotificationState
        {
            // Attempted longer ago than the seed's interval, so the next attempt is due at once.
            Order = Merchant.MerchantNotificationGrainTests.PaidOrder(key), AttemptCount = 1, LastAttemptAt = clock.GetUtcNow() - TimeSpan.FromMinutes(1),
        }, stateName: "notification");
        var owner = GrainId.Create("merchantnotification", key);
        await store.ReminderStore.UpsertAsync(new StoredReminder(StoredGrainId.From(owner), owner.GetUniformHashCode(), MerchantNotificationGrain.BackstopReminder,
            DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), Etag: ""), CancellationToken.None);

        await KillAsync(cluster, cluster.Cluster.Silos[^1]);
        var declaredDead = System.Diagnostics.Stopwatch.StartNew();

        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>(key);
        await Eventually.HoldsAsync(notification.GetStatusAsync, status => status!.AttemptCount >= 2, "the notification attempted again", TimeSpan.FromSeconds(20));
        output.WriteLine($"attempted again {declaredDead.Elapsed.TotalSeconds:F1} s after every survivor declared the silo dead");
    }

    /// <summary>
    /// Many concurrent transfers on 3 silos; one silo is killed while they run. Whatever each transfer had done at that
    /// moment, after the survivors' reminders (and the test's retries of the same transfer ids) the books reconcile with
    /// nothing in flight, the total is unchanged, and every transfer's stored outcome is what the balances show.
    /// </summary>
    private async Task SiloKilledDuringTransfersAsync(StorageOptions storage)
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await StartAsync(siloCount: 3, storage, clock);
        const int AccountCount = 6;
        const long OpeningFen = 100_000;
        const int TransferCount = 300;
        var accounts = new List<string>();
        for (var index = 0; index < AccountCount; index++)
        {
            accounts.Add(await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, OpeningFen));
        }

        // Transfers go in through the client and through the two silos that survive; silo 2 is the one killed.
        var victim = cluster.Cluster.Silos[2];
        var callers = new[] { cluster.GrainFactory, cluster.SiloServices(0).GetRequiredService<IGrainFactory>(), cluster.SiloServices(1).GetRequiredService<IGrainFactory>() };
        var random = new Random(7);
        var transfers = Enumerable.Range(0, TransferCount).Select(index =>
        {
            var source = random.Next(AccountCount);
            var target = (source + 1 + random.Next(AccountCount - 1)) % AccountCount;
            return new PlannedTransfer($"transfer-{index}-{Guid.NewGuid():N}", new TransferRequest(accounts[source], accounts[target], random.NextInt64(1, 30_000), null));
        }).ToList();
        var running = transfers.Select((transfer, index) => ExecuteAsync(callers[index % callers.Length], transfer)).ToList();

        // The kill lands somewhere in the middle; which steps it interrupts does not matter to any assertion below.
        await Eventually.HoldsAsync(() => running.Count(task => task.IsCompleted) >= TransferCount / 4, "a quarter of the transfers answered", RecoveryTimeout);
        var answeredBeforeKill = running.Count(task => task.IsCompleted);
        await KillAsync(cluster, victim);
        var firstAnswers = await Task.WhenAll(running);

        // The survivors' reminders resume what the killed silo left unfinished; the clock moves one period at a time.
        var reconciliation = cluster.GrainFactory.GetGrain<IReconciliationGrain>(0);
        ReconciliationReport? report = null;
        var inFlightAfterKill = (await reconciliation.RunAsync()).InFlightCount;
        int steps;
        try
        {
            steps = await AdvanceUntilAsync(clock, RecoveryDelay, async () =>
            {
                report = await reconciliation.RunAsync();
                return report.Ok && report.InFlightCount == 0;
            }, "reconciliation Ok with nothing in flight", () => $"{report}: {string.Join("; ", report?.Differences ?? [])}");
        }
        catch (TimeoutException)
        {
            output.WriteLine(await DescribeDisagreementsAsync(cluster, transfers, firstAnswers, outcomes: null));
            throw;
        }

        output.WriteLine($"{answeredBeforeKill} of {TransferCount} transfers had answered when the silo was killed; "
            + $"{firstAnswers.Count(answer => answer is null)} calls failed with the silo; "
            + $"{inFlightAfterKill} transfers in flight after the kill; reconciled after {steps} clock steps.");

        // A retry of each id answers its stored success (and finishes a transfer that stored an intent but never moved
        // money, which no reminder may cover: docs/design.md §3); it never moves money a second time. A refused
        // transfer left its id free (docs/api.md, "Retries"), so its retry is a new attempt and may now succeed.
        var outcomes = new List<TransferResult>();
        for (var index = 0; index < TransferCount; index++)
        {
            var outcome = await RetryAfterAStaleActivationAsync(cluster.GrainFactory.GetGrain<ITransferGrain>(transfers[index].Id), transfers[index].Request);
            Assert.Contains(outcome, new[] { TransferResult.Ok, TransferResult.InsufficientFunds });
            if (firstAnswers[index] == TransferResult.Ok)
            {
                Assert.Equal(TransferResult.Ok, outcome);
            }

            outcomes.Add(outcome);
        }

        // Each transfer moved its amount exactly once or not at all, as its outcome says.
        var expected = accounts.ToDictionary(account => account, _ => OpeningFen);
        foreach (var (transfer, outcome) in transfers.Zip(outcomes))
        {
            if (outcome == TransferResult.Ok)
            {
                expected[transfer.Request.Source] -= transfer.Request.AmountFen;
                expected[transfer.Request.Target] += transfer.Request.AmountFen;
            }
        }

        var balances = new Dictionary<string, long>();
        foreach (var account in accounts)
        {
            balances[account] = await BalanceAsync(cluster, account);
        }

        if (!expected.SequenceEqual(balances))
        {
            output.WriteLine(await DescribeDisagreementsAsync(cluster, transfers, firstAnswers, outcomes));
        }

        Assert.Equal(expected, balances);
        Assert.Equal(AccountCount * OpeningFen, balances.Values.Sum());
        Assert.Contains(TransferResult.Ok, outcomes);
        var store = cluster.Store().GrainStateStore;
        foreach (var transfer in transfers)
        {
            var state = await StoredState.ReadAsync<TransferGrainState>(store, "transfer", transfer.Id);
            Assert.True(state?.Status is TransferStatus.Completed or TransferStatus.Failed, $"transfer {transfer.Id} stored as {state?.Status}");
        }

        var final = await reconciliation.RunAsync();
        Assert.True(final.Ok, string.Join("; ", final.Differences));
        Assert.Equal(0, final.InFlightCount);
        Assert.Equal(AccountCount * OpeningFen, final.TotalBalanceFen);
    }

    /// <summary>
    /// For a failed run: each transfer whose ledger lines do not net out, or net to something other than what its
    /// answer says, with its first answer, its retry's answer, its stored state and its lines.
    /// </summary>
    private static async Task<string> DescribeDisagreementsAsync(PaySimTestCluster cluster, IReadOnlyList<PlannedTransfer> transfers,
        IReadOnlyList<TransferResult?> firstAnswers, IReadOnlyList<TransferResult>? outcomes)
    {
        var lines = await cluster.SiloServices(0).GetRequiredService<PaySim.Grains.Reconciliation.IAccountLedgerReader>()
            .ReadSnapshotAsync(CancellationToken.None).OfType<PaySim.Grains.Reconciliation.AccountLedgerLine>().ToListAsync();
        var report = new System.Text.StringBuilder("Transfers whose ledger lines do not net out, or disagree with their answer:\n");
        for (var index = 0; index < transfers.Count; index++)
        {
            var transfer = transfers[index];
            var own = lines.Where(line => line.Line.Reference == "transfer:" + transfer.Id).ToList();
            var sourceNet = own.Where(line => line.Username == transfer.Request.Source).Sum(line => line.Line.AmountFen);
            var targetNet = own.Where(line => line.Username == transfer.Request.Target).Sum(line => line.Line.AmountFen);
            var moved = sourceNet == -transfer.Request.AmountFen;
            var balanced = sourceNet + targetNet == 0 && (sourceNet == 0 || moved);
            if (balanced && (outcomes is null || moved == (outcomes[index] == TransferResult.Ok)))
            {
                continue;
            }

            var state = await StoredState.ReadAsync<TransferGrainState>(cluster.Store().GrainStateStore, "transfer", transfer.Id);
            report.AppendLine($"{transfer.Id} {transfer.Request.AmountFen} fen: first {firstAnswers[index]?.ToString() ?? "failed"}, retry {outcomes?[index].ToString() ?? "not yet"}, "
                + $"stored {state?.Status} attempt {state?.Attempt} result {state?.Result}; lines "
                + string.Join(", ", own.Select(line => $"{line.Username} {line.EntryId} {line.Line.AmountFen}")));
        }

        return report.ToString();
    }

    /// <summary>
    /// A retry as a client (or the edge's call policy) makes it: a conflict means the grain answered from an activation
    /// that read its row before the killed silo's last write landed (docs/design.md §1, "Limits"); that activation is
    /// deactivated by the conflict, and the next call reads the row as stored.
    /// </summary>
    private static async Task<TransferResult> RetryAfterAStaleActivationAsync(ITransferGrain transfer, TransferRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transfer.ExecuteAsync(request);
            }
            catch (Orleans.Storage.InconsistentStateException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The first answer to a transfer, or null when the call failed (its silo died under it).</summary>
    private static async Task<TransferResult?> ExecuteAsync(IGrainFactory caller, PlannedTransfer transfer)
    {
        try
        {
            return await caller.GetGrain<ITransferGrain>(transfer.Id).ExecuteAsync(transfer.Request);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    private static async Task<PaySimTestCluster> StartAsync(short siloCount, StorageOptions storage, FakeTimeProvider? clock = null) =>
        await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
        {
            SiloCount = siloCount,
            Storage = storage,
            TimeProvider = clock ?? new FakeTimeProvider(),
            Settings = new Dictionary<string, string?>
            {
                ["PaySim:Recovery:RecoveryDelay"] = RecoveryDelay.ToString(),
                // A call to a grain on a killed silo fails by this at the latest (it usually fails as soon as the
                // survivors declare the silo dead).
                ["PaySim:Silo:ResponseTimeout"] = "00:00:15",
                // One merchant key for all silos, as a cluster needs (the test cluster does not use PostgreSQL membership).
                ["PaySim:Merchant:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            },
            // Shortened failure detection (Orleans' defaults: 5 s probes, 3 missed) so that survivors declare a killed
            // silo dead within a few seconds of real time. Membership runs on real time, never on the fake clock.
            ConfigureServices = services => services.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
            }),
        });

    /// <summary>Kills a silo as a crash would and waits until every survivor has declared it dead.</summary>
    private static async Task KillAsync(PaySimTestCluster cluster, InProcessSiloHandle victim)
    {
        await cluster.Cluster.KillSiloAsync(victim);
        var survivors = cluster.Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<IClusterMembershipService>()).ToList();
        await Eventually.HoldsAsync(
            () => survivors.All(membership => membership.CurrentSnapshot.GetSiloStatus(victim.SiloAddress) == SiloStatus.Dead),
            $"every survivor declared {victim.SiloAddress} dead", RecoveryTimeout);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>
    /// Moves the fake clock one <paramref name="step"/> at a time until <paramref name="condition"/> holds, bounded in
    /// real time. Stepping (rather than one jump) lets a reminder armed late, after a tick already passed, fire on a
    /// later tick of its period.
    /// </summary>
    private static async Task<int> AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> condition, string what, Func<string>? lastSeen = null)
    {
        var deadline = DateTime.UtcNow + RecoveryTimeout;
        var steps = 0;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {RecoveryTimeout.TotalSeconds} s: {what}{(lastSeen is null ? "" : " (last: " + lastSeen() + ")")}.");
            }

            clock.Advance(step);
            steps++;
            await Task.Delay(100);
        }

        return steps;
    }

    /// <summary>How many activations of the grain the silos report; asks every silo, not the directory.</summary>
    private static async Task<int> ActivationCountAsync(PaySimTestCluster cluster, GrainId grainId)
    {
        var management = cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var hosts = cluster.Cluster.Silos.Select(silo => silo.SiloAddress).ToArray();
        var statistics = await management.GetDetailedGrainStatistics(null, hosts);
        return statistics.Count(statistic => statistic.GrainId == grainId);
    }

    private static async Task<long> BalanceAsync(PaySimTestCluster cluster, string account) =>
        (await cluster.GrainFactory.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen;

    private sealed record PlannedTransfer(string Id, TransferRequest Request);
}
