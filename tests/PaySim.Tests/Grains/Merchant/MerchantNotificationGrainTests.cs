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
    /// The notification reminder ticks every 5 s, under Orleans' default minimum reminder period (1 min); the silo lowers
    /// that minimum to the recovery delay, so these clusters run with a recovery delay of 5 s.
    /// </summary>
    private static readonly Dictionary<string, string?> FiveSecondReminders = new() { ["PaySim:Recovery:RecoveryDelay"] = "00:00:05" };

    /// <summary>The first attempt is due at once; Orleans delivers a tick due now a moment (1 ms) later on the reminder clock.</summary>
    private static readonly TimeSpan Moment = TimeSpan.FromSeconds(1);

    private static StoredGrainId NotificationId(string key) => new("merchantnotification", key);

    [Fact]
    public async Task Notification_IsRetriedEveryFiveSecondsUntilAcknowledged()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(false, false, true);
        await using var cluster = await StartAsync(clock, sender, settings: FiveSecondReminders);
        await SeedAsync(cluster.GrainFactory);
        using var deliver = ReminderWatch.Start(NotificationId(MerchantId + ":N1"), "deliver");
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":N1");
        await order.CreateAsync(new MerchantOrderRequest(
            MerchantId, "N1", Shop, MerchantOrderChannel.QrCode, 100, "CNY", null, 100, "商品", TimeSpan.FromMinutes(5), "http://127.0.0.1:1/notify", new OrderEcho()));
        await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>(MerchantId + ":N1");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await deliver.SettledAsync();
            clock.Advance(attempt == 1 ? Moment : MerchantNotificationGrain.FufuRetryInterval);
            await Eventually.HoldsAsync(() => notification.GetStatusAsync(), status => status?.AttemptCount == attempt, $"attempt {attempt} made");
        }

        var final = await notification.GetStatusAsync();
        Assert.True(final!.Delivered);
        await deliver.SettledAsync();
        await Eventually.HoldsAsync(() => cluster.Store().ReminderStore.ReadAsync(NotificationId(MerchantId + ":N1"), "deliver", CancellationToken.None), reminder => reminder is null, "the delivered notification dropped its reminder");
        clock.Advance(TimeSpan.FromMinutes(1));
        await notification.GetStatusAsync();
        Assert.Equal(3, sender.Sent.Count);
    }

    [Fact]
    public async Task Notification_GivesUpAfterFiveRetries()
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new ScriptedNotificationSender(Enumerable.Repeat(false, 10).ToArray());
        await using var cluster = await StartAsync(clock, sender, settings: FiveSecondReminders);
        using var deliver = ReminderWatch.Start(NotificationId("m:N2"), "deliver");
        var notification = cluster.GrainFactory.GetGrain<IMerchantNotificationGrain>("m:N2");
        await notification.EnqueueAsync(new MerchantOrderSnapshot(
            "m", "N2", "T", MerchantOrderChannel.QrCode, MerchantOrderStatus.Paid, 1, "CNY", null, 1, 0, 0, "", "http://127.0.0.1:1/", new OrderEcho(),
            Payer, null, null, Start, Start, Start, Start));

        for (var tick = 0; tick < 8; tick++)
        {
            await deliver.SettledAsync();
            clock.Advance(tick == 0 ? Moment : MerchantNotificationGrain.FufuRetryInterval);
            await Eventually.HoldsAsync(() => notification.GetStatusAsync(), status => status!.AttemptCount >= Math.Min(tick + 1, 6), "attempt made");
        }

        var final = await notification.GetStatusAsync();
        Assert.Equal((6, false, true), (final!.AttemptCount, final.Delivered, final.GaveUp));
    }
}
