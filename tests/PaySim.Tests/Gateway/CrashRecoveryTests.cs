using System.Diagnostics;
using PaySim.Grains;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;
using static PaySim.Tests.Gateway.CrashTestStore;

namespace PaySim.Tests.Gateway;

/// <summary>
/// Kill -9 in the middle of a money movement, for real: the gateway runs as a child process armed with a crash point
/// (<see cref="CrashPoints"/>) that makes it FailFast right after the debit committed. A second process over the same
/// store, with no crash point, must finish the movement by itself through the recovery reminder, exactly once.
/// Each test gets a fresh store (<see cref="CrashTestStore"/>); subclasses name the kind. Every flow at every step is
/// in <see cref="CrashPointMatrixTests"/>.
/// </summary>
public abstract class CrashRecoveryTests(StorageProviderKind storeKind) : IAsyncLifetime
{
    private const long SourceOpeningFen = 100_000;
    private const long TargetOpeningFen = 5_000;
    private const long AmountFen = 12_345;

    /// <summary>Short, so a test waits seconds for recovery, not the production minute.</summary>
    private static readonly TimeSpan s_recoveryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Far longer than the wait for recovery: a movement finished within it was resumed at start-up, not by its reminder.</summary>
    private static readonly TimeSpan s_longRecoveryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Bounds the wait for recovery: a short delay, a poll interval, and ample slack for a busy machine.</summary>
    private static readonly TimeSpan s_recoveryWaitMax = TimeSpan.FromSeconds(60);

    private CrashTestStore? _store;

    private CrashTestStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    public async Task InitializeAsync() => _store = await CrashTestStore.CreateAsync(storeKind);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Transfer_KilledAfterTheDebit_IsCompletedOnceAfterARestart()
    {
        var requestId = "crash-" + Guid.NewGuid().ToString("N");
        string source = "", target = "";
        await Store.CrashDuringAsync(CrashPoints.Name(MovementFlow.Transfer, CrashPoints.AfterDebit), s_recoveryDelay, async gateway =>
        {
            (source, target) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            return async () => await gateway.PostAsync(new { method = "主动转账", source, target, sum = AmountFen, requestId });
        });

        await using var restarted = await Store.StartAsync(crashPoint: null, s_recoveryDelay);
        await WaitForBalanceAsync(restarted, target, TargetOpeningFen + AmountFen, s_recoveryWaitMax);
        Assert.Equal(SourceOpeningFen - AmountFen, await BalanceAsync(restarted, source));
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);

        var retried = await restarted.PostAsync(new { method = "主动转账", source, target, sum = AmountFen, requestId });
        Assert.Equal("转账成功", retried["result"]);
        Assert.Equal((SourceOpeningFen - AmountFen, TargetOpeningFen + AmountFen), (await BalanceAsync(restarted, source), await BalanceAsync(restarted, target)));
    }

    [Fact]
    public async Task Transfer_KilledAfterTheDebit_IsFinishedAtOnceAfterARestart_NotOneRecoveryDelayLater()
    {
        var requestId = "crash-" + Guid.NewGuid().ToString("N");
        string source = "", target = "";
        await Store.CrashDuringAsync(CrashPoints.Name(MovementFlow.Transfer, CrashPoints.AfterDebit), s_longRecoveryDelay, async gateway =>
        {
            (source, target) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            return async () => await gateway.PostAsync(new { method = "主动转账", source, target, sum = AmountFen, requestId });
        });

        var restartedAt = Stopwatch.StartNew();
        await using var restarted = await Store.StartAsync(crashPoint: null, s_longRecoveryDelay);
        await WaitForBalanceAsync(restarted, target, TargetOpeningFen + AmountFen, s_recoveryWaitMax);

        Assert.True(restartedAt.Elapsed < s_longRecoveryDelay / 2, $"Recovery took {restartedAt.Elapsed.TotalSeconds:F0} s: it waited for the reminder's tick.");
        Assert.Equal(SourceOpeningFen - AmountFen, await BalanceAsync(restarted, source));
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);
    }

    [Fact]
    public async Task TradePayment_KilledAfterTheDebit_IsCompletedOnceAfterARestart()
    {
        var tradeId = "crash-" + Guid.NewGuid().ToString("N");
        string payer = "", merchant = "";
        await Store.CrashDuringAsync(CrashPoints.Name(MovementFlow.TradePayment, CrashPoints.AfterDebit), s_recoveryDelay, async gateway =>
        {
            (payer, merchant) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            var created = await gateway.PostAsync(new { method = "发起交易", target = merchant, source = payer, tradeID = tradeId, sum = AmountFen, timeLimit = 30 });
            Assert.True(created["result"] == "交易创建成功", created.ToString());
            return async () => await gateway.PostAsync(new { method = "支付交易", tradeID = tradeId, username = payer, password = Password });
        });

        await using var restarted = await Store.StartAsync(crashPoint: null, s_recoveryDelay);
        await WaitForBalanceAsync(restarted, merchant, TargetOpeningFen + AmountFen, s_recoveryWaitMax);
        Assert.Equal(SourceOpeningFen - AmountFen, await BalanceAsync(restarted, payer));
        Assert.Equal("已支付", (await restarted.PostAsync(new { method = "查询交易", tradeID = tradeId }))["tradeState"]);
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);

        var retried = await restarted.PostAsync(new { method = "支付交易", tradeID = tradeId, username = payer, password = Password });
        Assert.Equal(("支付失败", "ALREADY_PAID"), (retried["result"], retried["reason"]));
        Assert.Equal((SourceOpeningFen - AmountFen, TargetOpeningFen + AmountFen), (await BalanceAsync(restarted, payer), await BalanceAsync(restarted, merchant)));
    }
}
