using System.Text.Json;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// A payment killed between the payer's debit and the merchant's credit, on the SQLite store and across a silo
/// restart: what the crash left (the stored intent and the debit, but no recovery reminder yet) must end with the
/// money moved exactly once or given back, by the order's reminders alone.
/// </summary>
public sealed class MerchantOrderRecoveryTests : IDisposable
{
    private const string MerchantId = "10000000000001";
    private const string GrainType = "merchantorder";
    private const string StateName = "order";
    private const string NotificationStateName = "notification";
    private const string NotificationBackstop = "deliver";
    private const long AmountFen = 1_000;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-order-recovery-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(Start);

    private static MerchantOrderRequest Order(string number) =>
        new(MerchantId, number, Shop, MerchantOrderChannel.QrCode, AmountFen, "CNY", null, AmountFen, "商品", TimeSpan.FromMinutes(5), null, new OrderEcho());

    [Fact]
    public async Task PaymentInterruptedAfterTheDebit_IsCompletedByTheOrdersReminder_EvenPastItsExpiry()
    {
        await using var cluster = await StartDurableAsync();
        var orderKey = await CreateOrderInterruptedAfterTheDebitAsync(cluster, "K1");

        var recovered = await RunRemindersUntilAsync(cluster, orderKey, state => state.InFlight is null);

        Assert.Equal((MerchantOrderStatus.Paid, Payer), (recovered.Status, recovered.Payer));
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);
        Assert.Equal(MerchantOrderResult.AlreadyPaid, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
        await AssertNoRemindersLeftAsync(cluster, orderKey);
    }

    [Fact]
    public async Task PaymentInterruptedAfterTheDebit_WhenTheMerchantCannotReceive_IsReversedByTheOrdersReminder()
    {
        await using var cluster = await StartDurableAsync();
        var orderKey = await CreateOrderInterruptedAfterTheDebitAsync(cluster, "K2");
        await cluster.GrainFactory.GetGrain<IAccountGrain>(Shop).FreezeAsync();

        var recovered = await RunRemindersUntilAsync(cluster, orderKey, state => state.Status == MerchantOrderStatus.Expired);

        Assert.Equal((MerchantOrderResult?)MerchantOrderResult.MerchantAccountRefused, recovered.LastFailure);
        Assert.Null(recovered.Payment);
        Assert.Equal((PayerBalanceFen, 0L), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
        await AssertNoRemindersLeftAsync(cluster, orderKey);
    }

    [Fact]
    public async Task Query_OfAPaymentInterruptedAfterTheDebit_FinishesItFirst_AndAnswersPaid()
    {
        await using var cluster = await StartDurableAsync();
        var orderKey = await CreateOrderInterruptedAfterTheDebitAsync(cluster, "K4");
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);

        // No reminder tick: the clock does not move, so only the query itself can finish the payment.
        var reply = await order.GetAsync();

        Assert.Equal((MerchantOrderResult.Ok, MerchantOrderStatus.Paid, Payer), (reply.Result, reply.Order!.Status, reply.Order.Payer));
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
        Assert.Equal(MerchantOrderResult.AlreadyPaid, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
    }

    [Fact]
    public async Task PaidOrder_WhoseRemindersOutlivedACrash_DropsThemOnTheirNextTick()
    {
        await using var cluster = await StartDurableAsync();
        await SeedAsync(cluster.GrainFactory);
        var orderKey = MerchantId + ":K3";
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);
        await order.CreateAsync(Order("K3"));
        Assert.Equal(MerchantOrderResult.Ok, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        // What a crash right after the Paid write leaves: both reminders still registered.
        var reminders = cluster.Store().ReminderStore;
        var grainId = new StoredGrainId(GrainType, orderKey);
        foreach (var name in new[] { "expire", "recover" })
        {
            await reminders.UpsertAsync(
                new StoredReminder(grainId, grainId.ToGrainId().GetUniformHashCode(), name, _clock.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1), Etag: ""),
                CancellationToken.None);
        }

        await cluster.RestartSiloAsync(0);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await AssertNoRemindersLeftAsync(cluster, orderKey);
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
    }

    [Fact]
    public async Task Notification_StoredWithoutItsBackstopByACrash_IsDelivered_AndTheOrderClearsItsFlagOnlyWithARetryInPlace()
    {
        var sender = new ScriptedNotificationSender();
        await using var cluster = await StartDurableAsync(sender);
        var orderKey = await CreatePaidOrderInterruptedInItsNotificationsEnqueueAsync(cluster, "K5");

        await cluster.RestartSiloAsync(0);
        // The order's recovery hands the notification over again; the flag it then clears must never leave the stored
        // notification with nothing to deliver it: delivered already, or its backstop reminder stored. Read in this
        // order (flag, backstop, delivered) a poll never sees a delivery that dropped its backstop as a missing retry.
        var unbacked = new List<NotificationProgress>();
        var final = await ReminderEffectAsync(
            _clock,
            TimeSpan.FromSeconds(1),
            async () =>
            {
                var progress = await ReadNotificationProgressAsync(cluster, orderKey);
                if (!progress.OrderFlagPending && !progress.BackstopStored && !progress.Delivered)
                {
                    unbacked.Add(progress);
                }

                return progress;
            },
            progress => !progress.OrderFlagPending && progress.Delivered,
            "the notification was delivered and the order cleared its flag");

        Assert.Empty(unbacked);
        Assert.Equal(1, final.AttemptCount);
        var sent = Assert.Single(sender.Sent);
        Assert.Equal(("K5", MerchantOrderStatus.Paid, Payer), (sent.OrderNumber, sent.Status, sent.Payer));
        await AssertNoRemindersLeftAsync(cluster, orderKey);
        await ReminderEffectAsync(_clock, TimeSpan.FromSeconds(1), () => ReadNotificationProgressAsync(cluster, orderKey),
            progress => !progress.BackstopStored, "the delivered notification dropped its backstop");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task<PaySimTestCluster> StartDurableAsync(ScriptedNotificationSender? sender = null) =>
        StartAsync(_clock, sender, storage: new StorageOptions { Provider = StorageProviderKind.Sqlite, DataDirectory = _dataDirectory });

    /// <summary>
    /// Creates an order with a notify URL and stores it as a crash inside the notification's first enqueue leaves it:
    /// the order paid with its notification still pending and its recovery reminder (the expiry one already dropped),
    /// and the notification stored, undelivered, without its backstop reminder (the enqueue died before registering it).
    /// </summary>
    private async Task<string> CreatePaidOrderInterruptedInItsNotificationsEnqueueAsync(PaySimTestCluster cluster, string orderNumber)
    {
        await SeedAsync(cluster.GrainFactory);
        var orderKey = MerchantId + ":" + orderNumber;
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);
        await order.CreateAsync(Order(orderNumber) with { NotifyUrl = "http://127.0.0.1:1/notify" });
        var pending = (await order.GetAsync()).Order!;
        await cluster.DeactivateAllAsync();

        var store = cluster.Store();
        var now = _clock.GetUtcNow();
        var paid = (await ReadStoredOrderAsync(store.GrainStateStore, orderKey))!;
        paid.Status = MerchantOrderStatus.Paid;
        paid.Payer = Payer;
        paid.PaidAt = now;
        paid.EndedAt = now;
        paid.NotificationPending = true;
        var orderId = new StoredGrainId(GrainType, orderKey);
        var etag = (await store.GrainStateStore.ReadStateAsync(orderId, StateName, CancellationToken.None))!.Etag;
        await store.GrainStateStore.WriteStateAsync(orderId, StateName, JsonSerializer.Serialize(paid), etag, [], CancellationToken.None);
        var expiry = (await store.ReminderStore.ReadAsync(orderId, "expire", CancellationToken.None))!;
        Assert.True(await store.ReminderStore.RemoveAsync(orderId, "expire", expiry.Etag, CancellationToken.None));
        await store.ReminderStore.UpsertAsync(
            new StoredReminder(orderId, orderId.ToGrainId().GetUniformHashCode(), "recover", now.AddMinutes(1), TimeSpan.FromMinutes(1), Etag: ""),
            CancellationToken.None);

        var notification = new MerchantNotificationState
        {
            Order = pending with { Status = MerchantOrderStatus.Paid, Payer = Payer, PaidAt = now, EndedAt = now },
        };
        await store.GrainStateStore.WriteStateAsync(
            NotificationId(orderKey), NotificationStateName, JsonSerializer.Serialize(notification), expectedEtag: null, [], CancellationToken.None);
        Assert.Null(await store.ReminderStore.ReadAsync(NotificationId(orderKey), NotificationBackstop, CancellationToken.None));
        return orderKey;
    }

    private static StoredGrainId NotificationId(string orderKey) => new("merchantnotification", orderKey);

    /// <summary>Reads the order's flag, then the notification's backstop, then the notification itself, in that order.</summary>
    private static async Task<NotificationProgress> ReadNotificationProgressAsync(PaySimTestCluster cluster, string orderKey)
    {
        var store = cluster.Store();
        var flagPending = (await ReadStoredOrderAsync(store.GrainStateStore, orderKey))!.NotificationPending;
        var backstop = await store.ReminderStore.ReadAsync(NotificationId(orderKey), NotificationBackstop, CancellationToken.None);
        var record = await store.GrainStateStore.ReadStateAsync(NotificationId(orderKey), NotificationStateName, CancellationToken.None);
        var notification = JsonSerializer.Deserialize<MerchantNotificationState>(record!.Payload!)!;
        return new NotificationProgress(flagPending, backstop is not null, notification.Delivered, notification.AttemptCount);
    }

    /// <summary>What a poll saw of the hand-over; a record so that a timeout prints it by name.</summary>
    private sealed record NotificationProgress(bool OrderFlagPending, bool BackstopStored, bool Delivered, int AttemptCount);

    /// <summary>
    /// Creates an order and leaves it as a kill between debit and credit does: the payment intent stored, the payer
    /// debited, no recovery reminder (the kill came before its registration), and the silo restarted.
    /// </summary>
    private async Task<string> CreateOrderInterruptedAfterTheDebitAsync(PaySimTestCluster cluster, string orderNumber)
    {
        await SeedAsync(cluster.GrainFactory);
        var orderKey = MerchantId + ":" + orderNumber;
        await cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey).CreateAsync(Order(orderNumber));
        var store = cluster.Store().GrainStateStore;
        var paying = (await ReadStoredOrderAsync(store, orderKey))!;
        paying.PaymentAttemptCount = 1;
        paying.Payment = new PaymentIntent(1, Payer, null);
        paying.InFlight = new Movement(MovementFlow.MerchantPayment, $"merchant-order:{orderKey}:pay:1", orderKey, Payer, Shop, AmountFen,
            MovementKind.PaymentOut, MovementKind.PaymentIn, _clock.GetUtcNow());
        await cluster.DeactivateAllAsync();
        var grainId = new StoredGrainId(GrainType, orderKey);
        var etag = (await store.ReadStateAsync(grainId, StateName, CancellationToken.None))!.Etag;
        await store.WriteStateAsync(grainId, StateName, JsonSerializer.Serialize(paying), etag, [], CancellationToken.None);
        await cluster.GrainFactory.GetGrain<IAccountGrain>(Payer).ApplyAsync(
            new AccountMovement($"merchant-order:{orderKey}:pay:1:out", MovementKind.PaymentOut, AmountFen, Shop, orderKey));
        await cluster.RestartSiloAsync(0);
        Assert.Equal(PayerBalanceFen - AmountFen, await BalanceAsync(cluster.GrainFactory, Payer));
        return orderKey;
    }

    /// <summary>
    /// Moves the clock a minute at a time, past the order's expiry, delivering due reminders, until the stored order
    /// satisfies the condition. While waiting the clock keeps moving a second per poll: the restarted silo loads its
    /// reminders in the background and may arm a tick only after the last whole minute.
    /// </summary>
    private async Task<MerchantOrderGrainState> RunRemindersUntilAsync(PaySimTestCluster cluster, string orderKey, Func<MerchantOrderGrainState, bool> condition)
    {
        for (var minute = 0; minute < 10; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var recovered = await ReminderEffectAsync(_clock, TimeSpan.FromSeconds(1), () => ReadStoredOrderAsync(cluster.Store().GrainStateStore, orderKey),
            state => state is not null && condition(state), "the order's reminders finished the interrupted payment");
        return recovered!;
    }

    /// <summary>The order as stored, read behind the grain's back (System.Text.Json defaults, as the silo writes it).</summary>
    private static async Task<MerchantOrderGrainState?> ReadStoredOrderAsync(IGrainStateStore store, string orderKey)
    {
        var record = await store.ReadStateAsync(new StoredGrainId(GrainType, orderKey), StateName, CancellationToken.None);
        return record?.Payload is { } payload ? JsonSerializer.Deserialize<MerchantOrderGrainState>(payload) : null;
    }

    /// <summary>Waits until neither of the order's reminders is stored, moving the clock a second per poll so due ticks keep coming.</summary>
    private async Task AssertNoRemindersLeftAsync(PaySimTestCluster cluster, string orderKey)
    {
        var grainId = new StoredGrainId(GrainType, orderKey);
        await ReminderEffectAsync(
            _clock,
            TimeSpan.FromSeconds(1),
            async () =>
            {
                var reminders = cluster.Store().ReminderStore;
                return (await reminders.ReadAsync(grainId, "expire", CancellationToken.None), await reminders.ReadAsync(grainId, "recover", CancellationToken.None));
            },
            pair => pair.Item1 is null && pair.Item2 is null,
            "the order dropped its reminders");
    }
}
