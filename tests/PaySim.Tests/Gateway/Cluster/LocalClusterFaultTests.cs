using System.Globalization;
using System.Net;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// Issue 14's fault test, through the operators' script (deploy/cluster/local-cluster.sh): 3 silos and 2 gateways on a
/// fresh PostgreSQL database; transfers, 充值/提现, trades and merchant bar-code payments with refunds through both
/// gateways; silo 1 SIGKILLed under that load, later silo 2 restarted gracefully. Every request is answered within
/// <see cref="AnswerBoundMax"/> (its outcome, or 503 with a reason); every operation acknowledged to a client is in
/// the books; every operation sent again with its id moves nothing more; 对账 is ok and the total is the openings
/// plus deposits minus withdrawals.
/// </summary>
/// <remarks>
/// Its bounds are on real time for real processes, so it runs alone with the crash tests, after the parallel
/// collections. A CI run once failed it while other collections ran beside it; the assertion was cut from the excerpt,
/// the silo logs showed grain turns of 1.9 s. Hence too the report and the failure again after the logs.
/// </remarks>
[Trait("Tier", "System")]
[Collection(CrashRecoveryCollection.Name)]
public sealed class LocalClusterFaultTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int GatewayCount = 2;
    private const int KilledSilo = 1;
    private const int RestartedSilo = 2;
    private const string Password = "fault-test-654321";

    /// <summary>
    /// The gateway's budget is 3 s; a second more for HTTP and scheduling on a 2-core machine running three silos, two
    /// gateways and PostgreSQL: a TIMEOUT the gateway's 3 s deadline produced was once answered at 3.67 s, 40 ms after
    /// the kill. What this guards against is a stall of a membership round (15 s and more), not a late timer.
    /// </summary>
    private static readonly TimeSpan AnswerBoundMax = GatewayBudget + TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Long enough after the kill for membership to declare the silo dead and the load to run on two silos, and longer
    /// than the answer bound, so each gateway's clients send again before the restart.
    /// </summary>
    private static readonly TimeSpan RestartAfterKill = TimeSpan.FromSeconds(5);

    /// <summary>How close to the kill a gateway's requests must have been sent, on either side of it.</summary>
    private static readonly TimeSpan AroundTheKill = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LoadAfterRestart = TimeSpan.FromSeconds(1.5);

    private static readonly TimeSpan ReconcileTimeout = TimeSpan.FromSeconds(60);

    private static TimeSpan GatewayBudget => PaySim.Gateway.Apis.GrainCalls.BudgetMax;

    [Fact]
    public async Task SiloKilledThenAnotherRestarted_UnderLoadThroughBothGateways_AnswersInTime_AndTheBooksStayExact()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["PaySim__Admin__Token"] = PaySimApiFixture.AdminToken,
            // Only this test's accounts are in the books, so the totals are exact.
            ["PaySim__SeedTestAccounts"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var cluster = await LocalCluster.StartAsync(database.ConnectionString, SiloCount, GatewayCount, settings);
        var report = new List<string>();
        try
        {
            using var clients = new FaultClients([.. Enumerable.Range(1, GatewayCount).Select(cluster.GatewayAddress)], PaySimApiFixture.AdminToken);
            var accounts = await OpenAccountsAsync(clients);
            var merchant = await clients.RegisterMerchantAsync("故障测试商户", accounts.Settlement);
            await WarmUpAsync(clients, accounts, merchant);

            var load = new FaultLoad(clients, accounts, merchant, Password);
            var run = await RunLoadWithFaultsAsync(cluster, clients, load);
            report = Report(run, load);
            AssertEveryRequestAnsweredInTime(run);

            var books = new FaultBooks(clients, accounts, merchant, Password);
            await books.SettleAsync(load);
            output.WriteLine($"settled: {books.UnpaidOrderCount} orders answered 503 turned out unpaid; deposits {books.DepositedFen} fen, withdrawals {books.WithdrawnFen} fen");
            await AssertBalancesAsync(clients, books);
            await AssertReconciledAsync(clients, books);
        }
        catch (Exception failure)
        {
            // The report and the failure again after the logs: a CI excerpt shows only the end of the output.
            output.WriteLine($"cluster logs (port base {cluster.PortBase}):\n{cluster.LogTails()}");
            report.ForEach(output.WriteLine);
            output.WriteLine($"FAILED: {failure.GetType().Name}: {failure.Message}");
            throw;
        }
    }

    private static async Task<FaultAccounts> OpenAccountsAsync(FaultClients clients)
    {
        var accounts = new FaultAccounts("f" + Guid.NewGuid().ToString("N")[..8] + "-");
        var opened = await clients.PaySimAsync(0, new
        {
            method = "批量创建账户", prefix = accounts.Prefix, count = FaultAccounts.Count, password = Password, initBalance = FaultAccounts.OpeningFen,
        }, admin: true);
        Assert.True(opened.IsOutcome && opened["opened"] == $"{FaultAccounts.Count}", opened.ToString());
        return accounts;
    }

    /// <summary>Every grain the load uses is active before the kill, through both gateways, so the kill takes some of them.</summary>
    private static async Task WarmUpAsync(FaultClients clients, FaultAccounts accounts, MerchantCredentials merchant)
    {
        for (var gateway = 0; gateway < GatewayCount; gateway++)
        {
            foreach (var username in accounts.All)
            {
                var answer = await clients.PaySimAsync(gateway, new { method = "查询账户信息", username });
                Assert.True(answer.IsOutcome, answer.ToString());
            }

            var query = await clients.FufuAsync(gateway, "query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"warm-up"}""", merchant.Key);
            Assert.True(query["data.return_msg"] == "CHARGE_NONEXISTENT", query.ToString());
        }
    }

    private static async Task<FaultRun> RunLoadWithFaultsAsync(LocalCluster cluster, FaultClients clients, FaultLoad load)
    {
        clients.Recording = true;
        using var stop = new CancellationTokenSource();
        var started = clients.Clock.Elapsed;
        var running = load.RunAsync(stop.Token);
        try
        {
            await Task.Delay(KillAfter);
            var killedAt = clients.Clock.Elapsed;
            await cluster.KillSiloAsync(KilledSilo);
            await Task.Delay(RestartAfterKill);
            var restartStartedAt = clients.Clock.Elapsed;
            await cluster.RestartSiloAsync(RestartedSilo);
            var restartEndedAt = clients.Clock.Elapsed;
            await Task.Delay(LoadAfterRestart);
            return new FaultRun(started, killedAt, restartStartedAt, restartEndedAt, clients.Answers.ToList());
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            clients.Recording = false;
        }
    }

    /// <summary>
    /// No answer slower than the bound, before, around or after the kill and through the restart, so every request in
    /// flight at the kill was answered within the bound of it; every answer an outcome or a 503 with a reason.
    /// </summary>
    private static void AssertEveryRequestAnsweredInTime(FaultRun run)
    {
        Assert.All(run.Answers, answer => Assert.True(answer.IsOutcome || answer.IsRetryable, $"Neither an outcome nor a 503 with a reason: {answer}"));
        var slowest = run.Answers.MaxBy(answer => answer.Latency)!;
        Assert.True(slowest.Latency <= AnswerBoundMax,
            $"Slower than {AnswerBoundMax.TotalMilliseconds:F0} ms (silo killed at {run.KilledAt.TotalMilliseconds:F0} ms): {slowest}");

        // The load really ran across the fault: requests were in flight at the kill, and both gateways answered requests
        // sent in the second before it, after it while the silo was down, and after the restart. (Which gateway the few
        // requests in flight at that instant went to is chance: once all four went to one, and asking it of each
        // failed.) Not "in the second after it": every client of one gateway may be waiting on the dead silo at the
        // kill and sends its next request only when that answer comes, within the bound; once that took 3 s.
        Assert.True(run.RestartStartedAt >= run.KilledAt + AnswerBoundMax, "the silo must stay down longer than the answer bound");
        Assert.Contains(run.Answers, answer => answer.SentAt <= run.KilledAt && answer.AnsweredAt >= run.KilledAt);
        for (var gateway = 1; gateway <= GatewayCount; gateway++)
        {
            Assert.Contains(run.Answers, answer => answer.Gateway == gateway && answer.SentAt <= run.KilledAt && answer.SentAt >= run.KilledAt - AroundTheKill);
            Assert.Contains(run.Answers, answer => answer.Gateway == gateway && answer.SentAt >= run.KilledAt && answer.SentAt < run.RestartStartedAt);
            Assert.Contains(run.Answers, answer => answer.Gateway == gateway && answer.SentAt >= run.RestartEndedAt && answer.IsOutcome);
        }
    }

    private static async Task AssertBalancesAsync(FaultClients clients, FaultBooks books)
    {
        foreach (var (username, expectedFen) in books.ExpectedFen)
        {
            var answer = await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, new { method = "查询账户信息", username }));
            Assert.True(answer["accountBalance"] == expectedFen.ToString(CultureInfo.InvariantCulture), $"{username}: expected {expectedFen} fen, {answer}");
        }

        Assert.Equal(FaultAccounts.Count * FaultAccounts.OpeningFen + books.DepositedFen - books.WithdrawnFen, books.ExpectedFen.Values.Sum());
    }

    /// <summary>对账 ok with nothing in flight; its total is the openings plus the deposits minus the withdrawals.</summary>
    private static async Task AssertReconciledAsync(FaultClients clients, FaultBooks books)
    {
        var report = await Eventually.HoldsAsync(
            () => clients.PaySimAsync(0, new { method = "对账" }, admin: true),
            reply => reply.IsOutcome && reply["ok"] == "True" && reply["inFlightFen"] == "0",
            "对账 ok with nothing in flight", ReconcileTimeout);
        Assert.Equal("[]", report["differences"]);
        Assert.Equal("0", report["lostFen"]);
        Assert.Equal($"{FaultAccounts.Count}", report["accountCount"]);
        Assert.Equal($"{FaultAccounts.Count * FaultAccounts.OpeningFen + books.DepositedFen - books.WithdrawnFen}", report["totalBalanceFen"]);
        Assert.Equal($"{books.WithdrawnFen}", report["withdrawnFen"]);
    }

    /// <summary>What the run did, written to the output and returned to be written again after a failure's logs.</summary>
    private List<string> Report(FaultRun run, FaultLoad load)
    {
        var lines = new List<string>();
        var inFlightAtKill = run.Answers.Where(answer => answer.SentAt <= run.KilledAt && answer.AnsweredAt >= run.KilledAt).ToList();
        var afterKill = run.Answers.Where(answer => answer.SentAt > run.KilledAt && answer.SentAt < run.RestartStartedAt).ToList();
        var restart = run.Answers.Where(answer => answer.SentAt >= run.RestartStartedAt && answer.SentAt <= run.RestartEndedAt).ToList();
        lines.Add($"{run.Answers.Count} answers in {(run.Answers.Max(answer => answer.AnsweredAt) - run.StartedAt).TotalSeconds:F1} s; "
            + $"silo {KilledSilo} killed at +{(run.KilledAt - run.StartedAt).TotalSeconds:F1} s (at {run.KilledAt.TotalMilliseconds:F0} ms on the clock requests are sent by), silo {RestartedSilo} restarted "
            + $"+{(run.RestartStartedAt - run.StartedAt).TotalSeconds:F1}..+{(run.RestartEndedAt - run.StartedAt).TotalSeconds:F1} s");
        lines.Add($"operations: {load.Transfers.Count} transfers, {load.Externals.Count} 充值/提现, {load.Trades.Count} trades, {load.Orders.Count} bar-code orders, {load.Refunds.Count} refunds");
        lines.Add($"in flight at the kill: {Summary(inFlightAtKill, run.KilledAt)}");
        lines.Add($"sent after the kill, before the restart: {Summary(afterKill, null)}");
        lines.Add($"sent during the graceful restart: {Summary(restart, null)}");
        foreach (var group in run.Answers.Where(answer => !answer.IsOutcome).GroupBy(answer => $"{(int?)answer.Status} {answer.What} {answer["reason"]}"))
        {
            lines.Add($"  {group.Key}: {group.Count()}");
        }

        foreach (var slow in run.Answers.OrderByDescending(answer => answer.Latency).Take(5))
        {
            lines.Add($"  slow: {slow}");
        }

        lines.ForEach(output.WriteLine);
        return lines;
    }

    private static string Summary(IReadOnlyCollection<GatewayAnswer> answers, TimeSpan? killedAt)
    {
        if (answers.Count == 0)
        {
            return "none";
        }

        var worst = answers.Max(answer => answer.Latency).TotalMilliseconds;
        var sinceKill = killedAt is { } kill ? $", last answered {(answers.Max(answer => answer.AnsweredAt) - kill).TotalMilliseconds:F0} ms after the kill" : "";
        return $"{answers.Count} answered ({answers.Count(answer => answer.IsRetryable)} of them 503 or EXCEPTION), worst {worst:F0} ms{sinceKill}";
    }

    private sealed record FaultRun(TimeSpan StartedAt, TimeSpan KilledAt, TimeSpan RestartStartedAt, TimeSpan RestartEndedAt, IReadOnlyList<GatewayAnswer> Answers);
}
