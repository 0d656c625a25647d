using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains;

/// <summary>
/// An outcome once stored is the answer. Removing a flow's reminders comes after it, so a store that fails the
/// removals then (an outage right after the outcome's write) must change neither the answer nor the money; the
/// reminders left behind fire later, find nothing unfinished and drop themselves. Whatever the store's failure: its
/// own (a database error), or a cancellation (a store being shut down).
/// </summary>
public abstract class ReminderRemovalFailureTests(bool asCancelled) : IAsyncLifetime
{
    private const long AmountFen = 1_000;

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly FailingReminders _store = new(ReminderFailure.Removal, asCancelled);
    private PaySimTestCluster? _cluster;

    private PaySimTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    private IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        _cluster = await StartAsync(_clock, configureServices: _store.Install);
        await SeedAsync(Grains);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Transfer_WritesNoReminder_SoFailingRemovalsCannotTouchIt()
    {
        var transfer = Grains.GetGrain<ITransferGrain>("transfer-1");
        var request = new TransferRequest(Payer, Shop, AmountFen, Password: null);
        _store.Failing = true;

        Assert.Equal(TransferResult.Ok, await transfer.ExecuteAsync(request));
        Assert.Equal(TransferResult.Ok, await transfer.ExecuteAsync(request));

        Assert.Equal(0, _store.FailedCount);
        await AssertMovedOnceAsync();
    }

    [Fact]
    public async Task TradePayment_WhenRemovingItsRemindersFails_AnswersOk_AndMovesTheMoneyOnce()
    {
        var trade = Grains.GetGrain<ITradeGrain>("trade-1");
        Assert.Equal(TradeResult.Ok, (await trade.CreateAsync(new TradeRequest(Payer, Shop, AmountFen, TimeLimitMinutes: 1))).Result);
        _store.Failing = true;

        Assert.Equal(TradeResult.Ok, await trade.PayAsync(Payer, Password));

        Assert.True(_store.FailedCount > 0, "the payment never removed its reminders, so this test tested nothing");
        Assert.Equal(TradeState.Paid, (await trade.GetSnapshotAsync())!.State);
        Assert.Equal(TradeResult.AlreadyPaid, await trade.PayAsync(Payer, Password));
        await AssertMovedOnceAsync();
        await AssertLeftBehindRemindersDropThemselvesAsync(new StoredGrainId("trade", "trade-1"), "recover", "trade");
        await AssertMovedOnceAsync();
    }

    [Fact]
    public async Task MerchantBarCodePayment_WhenRemovingItsRemindersFails_AnswersOk_AndMovesTheMoneyOnce()
    {
        const string orderKey = "10000000000001:B1";
        const string payerCode = "280000000000000001";
        Assert.Equal(PayerCodeResult.Ok, (await Grains.GetPayerCodeGrain(payerCode).IssueAsync(Payer, Password)).Result);
        var order = Grains.GetGrain<IMerchantOrderGrain>(orderKey);
        Assert.Equal(MerchantOrderResult.Ok, (await order.CreateAsync(new MerchantOrderRequest(
            "10000000000001", "B1", Shop, MerchantOrderChannel.BarCode, AmountFen, "CNY", null, AmountFen, "商品", TimeSpan.FromSeconds(80), null, new OrderEcho()))).Result);
        _store.Failing = true;

        var paid = await order.PayAsync(PayerAuthorisation.WithPayerCode(payerCode));

        Assert.Equal((MerchantOrderResult.Ok, MerchantOrderStatus.Paid), (paid.Result, paid.Order!.Status));
        Assert.True(_store.FailedCount > 0, "the payment never removed its reminders, so this test tested nothing");
        // The till's retry of the same bar code is answered from the stored outcome.
        Assert.Equal(MerchantOrderResult.Ok, (await order.PayAsync(PayerAuthorisation.WithPayerCode(payerCode))).Result);
        await AssertMovedOnceAsync();
        await AssertLeftBehindRemindersDropThemselvesAsync(new StoredGrainId("merchantorder", orderKey), "recover", "expire");
        await AssertMovedOnceAsync();
    }

    private async Task AssertMovedOnceAsync() =>
        Assert.Equal((PayerBalanceFen - AmountFen, AmountFen), (await BalanceAsync(Grains, Payer), await BalanceAsync(Grains, Shop)));

    /// <summary>
    /// Lets the store remove reminders again and moves the clock a second per poll, so the reminders that outlived
    /// their flow tick, until none of <paramref name="names"/> is stored.
    /// </summary>
    private async Task AssertLeftBehindRemindersDropThemselvesAsync(StoredGrainId grainId, params string[] names)
    {
        _store.Failing = false;
        await ReminderEffectAsync(
            _clock,
            TimeSpan.FromSeconds(1),
            async () =>
            {
                var left = new List<string>();
                foreach (var name in names)
                {
                    if (await _store.ReminderStore.ReadAsync(grainId, name, CancellationToken.None) is not null)
                    {
                        left.Add(name);
                    }
                }

                return left;
            },
            left => left.Count == 0,
            $"the reminders of {grainId} left behind dropped themselves");
    }
}

public sealed class ReminderRemovalStoreFailureTests() : ReminderRemovalFailureTests(asCancelled: false);

public sealed class ReminderRemovalCancelledTests() : ReminderRemovalFailureTests(asCancelled: true);
