using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

public sealed class MerchantNotificationGrainTests
{
    private const string MerchantId = "10000000000001";

    /// <summary>
    /// The clock moves a second at a time while a test waits for an attempt: the retry timer is armed again only after
    /// the previous attempt was stored, and one jump of the whole interval could overtake that.
    /// </summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private static StoredGrainId NotificationId(string key) => new("merchantnotification", key);

    [Fact]
    public async Task Notification_IsRetriedEveryFiveSecondsUntilAcknowledged()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(false, false, true);
        await using var cluster = await StartAsync(clock, sender);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":N1");
        await order.CreateAsync(new MerchantOrderRequest(
            MerchantId, "N1", Shop, MerchantOrderChannel.QrCode, 100, "CNY", null, 100, "商品", TimeSpan.FromMinutes(5), "http://127.0.0.1:1/notify", new OrderEcho()));
        await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>(MerchantId + ":N1");

        var attemptTimes = new List<DateTimeOffset>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var status = await ReminderEffectAsync(clock, Step, notification.GetStatusAsync, status => status?.AttemptCount >= attempt, $"attempt {attempt} made");
            attemptTimes.Add(status!.LastAttemptAt!.Value);
        }

        var final = await notification.GetStatusAsync();
        Assert.Equal((3, true), (final!.AttemptCount, final.Delivered));
        Assert.All(attemptTimes.Zip(attemptTimes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= MerchantNotificationGrain.FufuRetryInterval));
        await Eventually.HoldsAsync(() => cluster.Store().ReminderStore.ReadAsync(NotificationId(MerchantId + ":N1"), "deliver", CancellationToken.None), reminder => reminder is null, "the delivered notification dropped its backstop reminder");
        clock.Advance(TimeSpan.FromMinutes(2));
        await notification.GetStatusAsync();
        Assert.Equal(3, sender.Sent.Count);
    }

    [Fact]
    public async Task Notification_GivesUpAfterFiveRetries()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(Enumerable.Repeat(false, 10).ToArray());
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N2");
        await notification.EnqueueAsync(PaidOrder("m:N2"));

        var final = await ReminderEffectAsync(clock, Step, notification.GetStatusAsync, status => status!.GaveUp, "the notification gave up");
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal((6, false, true), (final!.AttemptCount, final.Delivered, final.GaveUp));
        Assert.Equal(6, (await notification.GetStatusAsync())!.AttemptCount);
        Assert.Equal(6, sender.Sent.Count);
    }

    [Fact]
    public async Task Notification_WhoseSenderThrows_CountsEachAttempt_AndGivesUpAfterFiveRetries()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender { Throws = true };
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N4");
        await notification.EnqueueAsync(PaidOrder("m:N4"));

        var final = await ReminderEffectAsync(clock, Step, notification.GetStatusAsync, status => status!.GaveUp, "the notification gave up");
        clock.Advance(TimeSpan.FromMinutes(2));
        await notification.GetStatusAsync();

        Assert.Equal((6, false, true), (final!.AttemptCount, final.Delivered, final.GaveUp));
        Assert.Equal(6, sender.Sent.Count);
        await Eventually.HoldsAsync(() => cluster.Store().ReminderStore.ReadAsync(NotificationId("m:N4"), "deliver", CancellationToken.None), reminder => reminder is null, "the given-up notification dropped its backstop reminder");
    }

    [Fact]
    public async Task Notification_WhoseMerchantGrainIsUnreachable_IsTriedAgainAtTheNextInterval_WithoutSpendingAnAttempt()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(false, false, true) { UnreachableFirst = 2 };
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N5");
        await notification.EnqueueAsync(PaidOrder("m:N5"));

        var final = await ReminderEffectAsync(clock, Step, notification.GetStatusAsync, status => status!.Delivered, "the notification was delivered");

        // Two ticks sent nothing; the merchant then had three attempts, the third acknowledged.
        Assert.Equal((3, true, false), (final!.AttemptCount, final.Delivered, final.GaveUp));
        Assert.Equal(5, sender.Sent.Count);
    }

    [Fact]
    public async Task Notification_WhoseMerchantGrainStaysUnreachable_StillGivesUp()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender { UnreachableFirst = int.MaxValue };
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N6");
        await notification.EnqueueAsync(PaidOrder("m:N6"));

        var final = await ReminderEffectAsync(clock, Step, notification.GetStatusAsync, status => status!.GaveUp, "the notification gave up");

        Assert.Equal((6, false, true), (final!.AttemptCount, final.Delivered, final.GaveUp));
        Assert.Equal(MerchantNotificationGrain.UnsentInARowMax + 6, sender.Sent.Count);
    }

    [Fact]
    public async Task Notification_WhoseActivationWentAway_IsResumedByItsBackstopReminder()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(false, true);
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N3");
        await notification.EnqueueAsync(PaidOrder("m:N3"));
        await Eventually.HoldsAsync(notification.GetStatusAsync, status => status?.AttemptCount == 1, "the first attempt made");

        // The silo goes away with the activation and its retry timer; only the stored notification and its reminder stay.
        await cluster.RestartSiloAsync();
        var resumed = await ReminderEffectAsync(
            clock, Step, cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N3").GetStatusAsync, status => status!.Delivered, "the notification was resumed and delivered");

        Assert.Equal(2, resumed!.AttemptCount);
    }

    /// <summary>
    /// A notification resumed by a new activation (recovery at a silo's start or after a death, or the backstop) keeps
    /// the seed's interval from its last attempt: resuming every pending notification at once must not send each of
    /// them again early.
    /// </summary>
    [Fact]
    public async Task Notification_ResumedByANewActivation_WaitsTheIntervalSinceItsLastAttempt()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(false, true);
        await using var cluster = await StartAsync(clock, sender);
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N7");
        await notification.EnqueueAsync(PaidOrder("m:N7"));
        var first = await Eventually.HoldsAsync(notification.GetStatusAsync, status => status?.AttemptCount == 1, "the first attempt made");

        await cluster.RestartSiloAsync();
        var resumed = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N7");
        await resumed.ResumeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var early = await resumed.GetStatusAsync();
        var delivered = await ReminderEffectAsync(clock, Step, resumed.GetStatusAsync, status => status!.Delivered, "the notification delivered");

        Assert.Equal(1, early!.AttemptCount);
        Assert.Equal(2, delivered!.AttemptCount);
        Assert.True(delivered.LastAttemptAt - first!.LastAttemptAt >= MerchantNotificationGrain.FufuRetryInterval,
            $"attempted at {first.LastAttemptAt:O}, then again at {delivered.LastAttemptAt:O}");
    }

    internal static MerchantOrderSnapshot PaidOrder(string key) => new(
        key.Split(':')[0], key.Split(':')[1], "T", MerchantOrderChannel.QrCode, MerchantOrderStatus.Paid, 1, "CNY", null, 1, 0, 0, "", "http://127.0.0.1:1/", new OrderEcho(),
        Payer, null, null, Start, Start, Start, Start);
}
