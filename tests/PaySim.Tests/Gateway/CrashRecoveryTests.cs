using System.Diagnostics;
using PaySim.Grains;
using PaySim.Grains.Movements;

namespace PaySim.Tests.Gateway;

/// <summary>
/// Kill -9 in the middle of a money movement, for real: the gateway runs as a child process armed with a crash point
/// (<see cref="CrashPoints"/>) that makes it FailFast right after the debit committed. A second process over the same
/// store, with no crash point, must finish the movement by itself through the recovery reminder, exactly once.
/// Each test gets a fresh store; subclasses name the kind.
/// </summary>
public abstract class CrashRecoveryTests : IAsyncLifetime
{
    private const string AdminToken = "crash-test-admin-token-51c2";
    private const string Password = "crash-pw-246810";
    private const long SourceOpeningFen = 100_000;
    private const long TargetOpeningFen = 5_000;
    private const long AmountFen = 12_345;

    /// <summary>Short, so a test waits seconds for recovery, not the production minute.</summary>
    private static readonly TimeSpan s_recoveryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Far longer than the wait for recovery: a movement finished within it was resumed at start-up, not by its reminder.</summary>
    private static readonly TimeSpan s_longRecoveryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Bounds the wait for recovery: a short delay, a poll interval, and ample slack for a busy machine.</summary>
    private static readonly TimeSpan s_recoveryWaitMax = TimeSpan.FromSeconds(60);

    private Dictionary<string, string> _store = [];

    /// <summary>A fresh folder for the SQLite file and the keys the gateway keeps on disk.</summary>
    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "paysim-crash-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        await DropStoreAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Transfer_KilledAfterTheDebit_IsCompletedOnceAfterARestart()
    {
        var requestId = "crash-" + Guid.NewGuid().ToString("N");
        var (source, target) = await CrashDuringAsync(CrashPoints.Name(MovementFlow.Transfer, CrashPoints.AfterDebit), s_recoveryDelay, async gateway =>
        {
            var (source, target) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            return (source, target, () => gateway.PostAsync(new { method = "主动转账", source, target, sum = AmountFen, requestId }));
        });

        await using var restarted = await StartAsync(crashPoint: null, s_recoveryDelay);
        await WaitForBalanceAsync(restarted, target, TargetOpeningFen + AmountFen);
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
        var (source, target) = await CrashDuringAsync(CrashPoints.Name(MovementFlow.Transfer, CrashPoints.AfterDebit), s_longRecoveryDelay, async gateway =>
        {
            var (source, target) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            return (source, target, () => gateway.PostAsync(new { method = "主动转账", source, target, sum = AmountFen, requestId }));
        });

        var restartedAt = Stopwatch.StartNew();
        await using var restarted = await StartAsync(crashPoint: null, s_longRecoveryDelay);
        await WaitForBalanceAsync(restarted, target, TargetOpeningFen + AmountFen);

        Assert.True(restartedAt.Elapsed < s_longRecoveryDelay / 2, $"Recovery took {restartedAt.Elapsed.TotalSeconds:F0} s: it waited for the reminder's tick.");
        Assert.Equal(SourceOpeningFen - AmountFen, await BalanceAsync(restarted, source));
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);
    }

    [Fact]
    public async Task TradePayment_KilledAfterTheDebit_IsCompletedOnceAfterARestart()
    {
        var tradeId = "crash-" + Guid.NewGuid().ToString("N");
        var (payer, merchant) = await CrashDuringAsync(CrashPoints.Name(MovementFlow.TradePayment, CrashPoints.AfterDebit), s_recoveryDelay, async gateway =>
        {
            var (payer, merchant) = (await OpenAccountAsync(gateway, SourceOpeningFen), await OpenAccountAsync(gateway, TargetOpeningFen));
            var created = await gateway.PostAsync(new { method = "发起交易", target = merchant, source = payer, tradeID = tradeId, sum = AmountFen, timeLimit = 30 });
            Assert.True(created["result"] == "交易创建成功", created.ToString());
            return (payer, merchant, () => gateway.PostAsync(new { method = "支付交易", tradeID = tradeId, username = payer, password = Password }));
        });

        await using var restarted = await StartAsync(crashPoint: null, s_recoveryDelay);
        await WaitForBalanceAsync(restarted, merchant, TargetOpeningFen + AmountFen);
        Assert.Equal(SourceOpeningFen - AmountFen, await BalanceAsync(restarted, payer));
        Assert.Equal("已支付", (await restarted.PostAsync(new { method = "查询交易", tradeID = tradeId }))["tradeState"]);
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);

        var retried = await restarted.PostAsync(new { method = "支付交易", tradeID = tradeId, username = payer, password = Password });
        Assert.Equal(("支付失败", "ALREADY_PAID"), (retried["result"], retried["reason"]));
        Assert.Equal((SourceOpeningFen - AmountFen, TargetOpeningFen + AmountFen), (await BalanceAsync(restarted, payer), await BalanceAsync(restarted, merchant)));
    }

    /// <summary>Creates the store and returns the environment that points the gateway at it.</summary>
    protected abstract Task<Dictionary<string, string>> CreateStoreAsync();

    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    /// <summary>
    /// Starts a gateway armed with <paramref name="crashPoint"/>, lets <paramref name="prepare"/> set up two accounts
    /// and the request that reaches the crash point, sends it, and checks that the request failed and the process died.
    /// </summary>
    private async Task<(string Source, string Target)> CrashDuringAsync(
        string crashPoint, TimeSpan recoveryDelay, Func<GatewayProcess, Task<(string, string, Func<Task<PaySimResponse>>)>> prepare)
    {
        await using var gateway = await StartAsync(crashPoint, recoveryDelay);
        var (source, target, send) = await prepare(gateway);

        var failure = await Record.ExceptionAsync(send);

        Assert.True(failure is HttpRequestException, $"The request should have died with the process, got: {failure}");
        Assert.True(await gateway.WaitForExitAsync(GatewayProcess.ExitTimeoutMax), "The gateway still runs after its crash point.");
        Assert.True(gateway.ExitCode != 0, $"The gateway exited with 0 instead of crashing:\n{gateway.Output}");
        Assert.Contains(crashPoint, gateway.Output);
        return (source, target);
    }

    private Task<GatewayProcess> StartAsync(string? crashPoint, TimeSpan recoveryDelay)
    {
        var environment = new Dictionary<string, string>(_store)
        {
            ["PaySim__Storage__DataDirectory"] = DataDirectory,
            ["PaySim__Admin__Token"] = AdminToken,
            ["PaySim__Recovery__RecoveryDelay"] = recoveryDelay.ToString("c"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (crashPoint is not null)
        {
            environment[CrashPoints.EnvironmentVariable] = crashPoint;
        }

        return GatewayProcess.StartAsync(environment);
    }

    private static async Task<string> OpenAccountAsync(GatewayProcess gateway, long initBalance)
    {
        var username = "c" + Guid.NewGuid().ToString("N")[..16];
        var response = await gateway.PostAsync(new { method = "创建账户", username, password = Password, initBalance }, AdminToken);
        Assert.True(response["result"] == "创建成功", response.ToString());
        return username;
    }

    private static async Task<long> BalanceAsync(GatewayProcess gateway, string username) =>
        (await gateway.PostAsync(new { method = "查询账户信息", username })).Body.GetProperty("accountBalance").GetInt64();

    private static Task WaitForBalanceAsync(GatewayProcess gateway, string username, long balanceFen) =>
        TestingHost.Eventually.HoldsAsync(() => BalanceAsync(gateway, username), balance => balance == balanceFen,
            $"the balance of {username} is {balanceFen} after recovery", s_recoveryWaitMax);

    private static async Task AssertBooksBalancedAsync(GatewayProcess gateway, long inFlightFen)
    {
        var report = await gateway.PostAsync(new { method = "对账" }, AdminToken);

        Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.True(report.Body.GetProperty("inFlightFen").GetInt64() == inFlightFen, report.ToString());
    }
}
