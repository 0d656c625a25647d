using System.Text.Json;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// An order stored without its expiry reminder (a crash between the two writes, or the registration failing alone) must
/// still end: it shows Expired once its validity ran out, as the clock says, and a retried create arms the reminder
/// that writes the expiry down.
/// </summary>
public sealed class MerchantOrderExpiryTests
{
    private const string MerchantId = "10000000000001";
    private const string GrainType = "merchantorder";
    private const string ExpireReminder = "expire";
    private static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(5);

    private static MerchantOrderRequest Order(string number) =>
        new(MerchantId, number, Shop, MerchantOrderChannel.QrCode, 1_000, "CNY", null, 1_000, "商品", ValidFor, null, new OrderEcho());

    [Fact]
    public async Task OrderStoredWithoutItsExpiryReminder_ShowsExpiredOnceItsValidityRanOut()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new FailingReminders(ReminderFailure.Registration);
        await using var cluster = await StartAsync(clock, configureServices: store.Install);
        await SeedAsync(cluster.GrainFactory);
        var orderKey = MerchantId + ":X1";
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);

        // The store takes the order but not its reminder, and stays so: no query can arm it either.
        store.Failing = true;
        Assert.NotNull(await Record.ExceptionAsync(() => order.CreateAsync(Order("X1"))));
        Assert.Equal(MerchantOrderStatus.Pending, (await ReadStoredOrderAsync(store, orderKey))?.Status);
        Assert.Null(await store.ReminderStore.ReadAsync(new StoredGrainId(GrainType, orderKey), ExpireReminder, CancellationToken.None));
        Assert.Equal(MerchantOrderStatus.Pending, (await order.GetAsync()).Order!.Status);
        clock.Advance(ValidFor);

        var queried = (await order.GetAsync()).Order!;

        Assert.Equal((MerchantOrderStatus.Expired, (DateTimeOffset?)(Start + ValidFor)), (queried.Status, queried.EndedAt));
        Assert.True(store.FailedCount > 0);
        // Closing answers as for an expired order, and writes the expiry down.
        var closed = await order.CloseAsync();
        Assert.Equal((MerchantOrderResult.NotPayable, MerchantOrderStatus.Expired), (closed.Result, closed.Order!.Status));
        Assert.Equal(MerchantOrderStatus.Expired, (await ReadStoredOrderAsync(store, orderKey))?.Status);
        // Paying answers that it expired, as the first attempt after its validity would have.
        Assert.Equal(MerchantOrderResult.Expired, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        Assert.Equal(PayerBalanceFen, await BalanceAsync(cluster.GrainFactory, Payer));
    }

    [Fact]
    public async Task Create_RetriedAfterItsReminderFailedToRegister_ArmsIt_AndTheReminderStoresTheExpiry()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new FailingReminders(ReminderFailure.Registration);
        await using var cluster = await StartAsync(clock, configureServices: store.Install);
        var orderKey = MerchantId + ":X2";
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(orderKey);
        store.Failing = true;
        Assert.NotNull(await Record.ExceptionAsync(() => order.CreateAsync(Order("X2"))));
        store.Failing = false;
        using var expire = ReminderArmings.Watch(GrainType, orderKey, ExpireReminder);

        var retried = await order.CreateAsync(Order("X2"));

        Assert.Equal((MerchantOrderResult.Ok, MerchantOrderStatus.Pending), (retried.Result, retried.Order!.Status));
        await expire.ArmedAsync();
        clock.Advance(ValidFor);
        var stored = await Eventually.HoldsAsync(() => ReadStoredOrderAsync(store, orderKey),
            state => state?.Status == MerchantOrderStatus.Expired, "the expiry reminder stored the expiry");
        Assert.Equal(Start + ValidFor, stored!.EndedAt);
        await Eventually.HoldsAsync(() => store.ReminderStore.ReadAsync(new StoredGrainId(GrainType, orderKey), ExpireReminder, CancellationToken.None),
            reminder => reminder is null, "the expired order dropped its reminder");
    }

    /// <summary>The order as stored, read behind the grain's back (System.Text.Json defaults, as the silo writes it).</summary>
    private static async Task<MerchantOrderGrainState?> ReadStoredOrderAsync(IStorageProvider store, string orderKey)
    {
        var record = await store.GrainStateStore.ReadStateAsync(new StoredGrainId(GrainType, orderKey), "order", CancellationToken.None);
        return record?.Payload is { } payload ? JsonSerializer.Deserialize<MerchantOrderGrainState>(payload) : null;
    }
}
