using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Gateway;

/// <summary>
/// Issue 14, "failover in seconds": three silo processes and a gateway process in client mode on a fresh PostgreSQL
/// database, a small bounded load of 主动转账 (with and without requestId) and 查询账户信息, and one silo SIGKILLed in
/// the middle of it. Every request is answered (200, or 503 with a reason) within <see cref="AnswerBoundMax"/>, every
/// transfer answered 转账成功 is in the books exactly once, and 对账 agrees afterwards.
/// </summary>
[Trait("Tier", "System")]
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int PooledAccountCount = 6;
    private const long PooledOpeningFen = 1_000_000;
    private const int PooledTransferWorkerCount = 3;
    private const int QueryWorkerCount = 2;

    /// <summary>Each nameless transfer worker moves 2^k fen as its k-th transfer, so the payee's gain tells exactly which moved.</summary>
    private const int NamelessTransferWorkerCount = 2;

    /// <summary>2^0 + … + 2^38 fen fits an opening balance (at most 10^12 fen), and so does every single amount.</summary>
    private const int NamelessTransferCountMax = 39;

    private const long NamelessOpeningFen = (1L << NamelessTransferCountMax) - 1;

    /// <summary>The gateway's budget is 3 s; half a second more for HTTP, scheduling and the 2-core machine.</summary>
    private static readonly TimeSpan AnswerBoundMax = TimeSpan.FromSeconds(3.5);

    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2);

    /// <summary>A pause between one worker's requests, so the load stays small and bounded.</summary>
    private static readonly TimeSpan WorkerPause = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan ClusterStartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SiloKilledUnderLoad_EveryRequestIsAnsweredWithinTheBound_AndTheBooksStayExact()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-failover-tests", Guid.NewGuid().ToString("N"));
        var clusterId = $"paysim-failover-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["PaySim__Storage__Provider"] = "PostgreSql",
            ["PaySim__Storage__ConnectionString"] = database.ConnectionString,
            ["PaySim__Storage__DataDirectory"] = dataDirectory,
            ["PaySim__Cluster__Membership"] = "PostgreSql",
            ["PaySim__Cluster__ClusterId"] = clusterId,
            ["PaySim__Admin__Token"] = PaySimApiFixture.AdminToken,
            // Every silo of a cluster must share the merchant key; a cluster silo without one refuses to start.
            ["PaySim__Merchant__SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // Only this test's accounts are in the books, so the totals are exact.
            ["PaySim__SeedTestAccounts"] = "false",
        };
        var silos = new List<SiloProcess>();
        GatewayProcess? gateway = null;
        try
        {
            // One after another: the first migrates the database, and each joins a cluster that is up.
            for (var index = 0; index < SiloCount; index++)
            {
                silos.Add(SiloProcess.Start(settings));
                await WaitForActiveSilosAsync(database, clusterId, index + 1, silos);
            }

            gateway = await GatewayProcess.StartAsync(settings);
            var accounts = await OpenAccountsAsync(gateway);
            var run = await RunLoadAndKillAsync(gateway, accounts, silos[^1]);
            Report(run);

            Assert.All(run.Answers, answer => AssertOkOrRetryable(answer.Response));
            var slowest = run.Answers.MaxBy(answer => answer.Latency)!;
            Assert.True(slowest.Latency <= AnswerBoundMax,
                $"A request took {slowest.Latency.TotalMilliseconds:F0} ms (bound {AnswerBoundMax.TotalMilliseconds:F0} ms), sent {slowest.SentAt.TotalMilliseconds:F0} ms into the load, {run.KilledAt.TotalMilliseconds:F0} ms the kill: {slowest.Response}");

            await AssertBooksExactAsync(gateway, accounts, run);
        }
        catch when (gateway is not null)
        {
            output.WriteLine($"gateway output:\n{gateway.Output}");
            foreach (var silo in silos)
            {
                output.WriteLine($"silo {silo.SiloPort} output:\n{silo.Output}");
            }

            throw;
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task WaitForActiveSilosAsync(PostgresTestDatabase database, string clusterId, int count, IReadOnlyList<SiloProcess> silos)
    {
        var deadline = Stopwatch.StartNew();
        while (await CountActiveSilosAsync(database, clusterId) < count)
        {
            if (silos.FirstOrDefault(silo => silo.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"Silo {exited.SiloPort} exited while starting:\n{exited.Output}");
            }

            if (deadline.Elapsed > ClusterStartTimeout)
            {
                throw new TimeoutException($"{count} silos were not active within {ClusterStartTimeout.TotalSeconds} s:\n{silos[^1].Output}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<long> CountActiveSilosAsync(PostgresTestDatabase database, string clusterId)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            // Orleans' SiloStatus.Active is 3.
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // No silo has migrated the database yet.
        }
    }

    private static async Task<TestAccounts> OpenAccountsAsync(GatewayProcess gateway)
    {
        var pooled = new List<string>();
        for (var index = 0; index < PooledAccountCount; index++)
        {
            pooled.Add(await OpenAccountAsync(gateway, PooledOpeningFen));
        }

        var nameless = new List<(string Payer, string Payee)>();
        for (var index = 0; index < NamelessTransferWorkerCount; index++)
        {
            nameless.Add((await OpenAccountAsync(gateway, NamelessOpeningFen), await OpenAccountAsync(gateway, 0)));
        }

        // Every account activated before the load, so the kill takes activations with it.
        foreach (var username in pooled.Concat(nameless.SelectMany(pair => new[] { pair.Payer, pair.Payee })))
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.PostAsync(new { method = "查询账户信息", username })).Status);
        }

        return new TestAccounts(pooled, nameless);
    }

    private static async Task<string> OpenAccountAsync(GatewayProcess gateway, long initBalance)
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..16];
        var response = await gateway.PostAsync(new { method = "创建账户", username, password = PaySimApiFixture.Password, initBalance }, PaySimApiFixture.AdminToken);
        Assert.True(response.Status == HttpStatusCode.OK && response["result"] == "创建成功", response.ToString());
        return username;
    }

    private static async Task<LoadRun> RunLoadAndKillAsync(GatewayProcess gateway, TestAccounts accounts, SiloProcess victim)
    {
        var answers = new ConcurrentQueue<Answer>();
        var clock = Stopwatch.StartNew();
        var workers = new List<Task>();
        for (var worker = 0; worker < PooledTransferWorkerCount; worker++)
        {
            var prefix = $"w{worker}-";
            workers.Add(Task.Run(() => RunWorkerAsync(gateway, clock, answers, sequence =>
            {
                var random = Random.Shared;
                var source = accounts.Pooled[random.Next(accounts.Pooled.Count)];
                var target = accounts.Pooled.Where(username => username != source).ElementAt(random.Next(accounts.Pooled.Count - 1));
                var transfer = new PooledTransfer(prefix + sequence, source, target, random.Next(1, 101));
                return (AnswerKind.PooledTransfer, transfer, (object)new { method = "主动转账", source, target, sum = transfer.AmountFen, requestId = transfer.RequestId });
            })));
        }

        for (var worker = 0; worker < NamelessTransferWorkerCount; worker++)
        {
            var (payer, payee) = accounts.Nameless[worker];
            var workerIndex = worker;
            workers.Add(Task.Run(() => RunWorkerAsync(gateway, clock, answers, sequence => sequence < NamelessTransferCountMax
                ? (AnswerKind.NamelessTransfer, (object)new NamelessTransfer(workerIndex, sequence), (object)new { method = "主动转账", source = payer, target = payee, sum = 1L << sequence })
                : (AnswerKind.Query, null, new { method = "查询账户信息", username = payee }))));
        }

        for (var worker = 0; worker < QueryWorkerCount; worker++)
        {
            workers.Add(Task.Run(() => RunWorkerAsync(gateway, clock, answers, _ =>
                (AnswerKind.Query, null, (object)new { method = "查询账户信息", username = accounts.Pooled[Random.Shared.Next(accounts.Pooled.Count)] }))));
        }

        await Task.Delay(KillAfter);
        var killedAt = clock.Elapsed;
        victim.Kill();
        await Task.WhenAll(workers);
        return new LoadRun([.. answers.OrderBy(answer => answer.SentAt)], killedAt);
    }

    private static async Task RunWorkerAsync(
        GatewayProcess gateway, Stopwatch clock, ConcurrentQueue<Answer> answers, Func<int, (AnswerKind Kind, object? Request, object Body)> next)
    {
        for (var sequence = 0; clock.Elapsed < LoadDuration; sequence++)
        {
            var (kind, request, body) = next(sequence);
            var sentAt = clock.Elapsed;
            var response = await gateway.PostAsync(body);
            answers.Enqueue(new Answer(kind, request, sentAt, clock.Elapsed - sentAt, response));
            await Task.Delay(WorkerPause);
        }
    }

    private void Report(LoadRun run)
    {
        var afterKill = run.Answers.Where(answer => answer.SentAt + answer.Latency > run.KilledAt).ToList();
        var before = run.Answers.Except(afterKill).ToList();
        output.WriteLine($"{run.Answers.Count} requests in {LoadDuration.TotalSeconds} s, silo killed at {run.KilledAt.TotalMilliseconds:F0} ms");
        output.WriteLine($"before the kill: {before.Count} answered, worst {Worst(before)} ms");
        output.WriteLine($"after the kill: {afterKill.Count} answered, worst {Worst(afterKill)} ms, {afterKill.Count(answer => answer.Response.Status != HttpStatusCode.OK)} of them 503");
        foreach (var group in run.Answers.Where(answer => answer.Response.Status != HttpStatusCode.OK).GroupBy(answer => (answer.Kind, answer.Response["reason"])))
        {
            output.WriteLine($"  503 {group.Key.Kind} {group.Key.Item2}: {group.Count()}");
        }

        foreach (var slow in run.Answers.OrderByDescending(answer => answer.Latency).Take(5))
        {
            output.WriteLine($"  slow: {slow.Kind} sent at {slow.SentAt.TotalMilliseconds:F0} ms took {slow.Latency.TotalMilliseconds:F0} ms: {slow.Response}");
        }

        static string Worst(IReadOnlyCollection<Answer> answers) =>
            answers.Count == 0 ? "-" : answers.Max(answer => answer.Latency).TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every pooled transfer left unanswered is asked again with its requestId until answered, which settles its
    /// outcome; then the pooled balances are exactly the openings plus the transfers answered 转账成功, each nameless
    /// payee's gain names exactly which of its transfers moved (all those answered 转账成功, none twice, only ones
    /// answered 503 besides), and 对账 agrees with nothing in flight.
    /// </summary>
    private static async Task AssertBooksExactAsync(GatewayProcess gateway, TestAccounts accounts, LoadRun run)
    {
        var moved = new List<PooledTransfer>();
        foreach (var answer in run.Answers.Where(answer => answer.Kind == AnswerKind.PooledTransfer))
        {
            var transfer = (PooledTransfer)answer.Request!;
            var response = answer.Response;
            if (response.Status != HttpStatusCode.OK)
            {
                response = await Eventually.HoldsAsync(
                    () => gateway.PostAsync(new { method = "主动转账", source = transfer.Source, target = transfer.Target, sum = transfer.AmountFen, requestId = transfer.RequestId }),
                    again => AssertOkOrRetryable(again) == HttpStatusCode.OK, $"an answer to transfer {transfer.RequestId}", SettleTimeout);
            }

            Assert.True(response["result"] == "转账成功", $"{transfer}: {response}");
            moved.Add(transfer);
        }

        var report = await Eventually.HoldsAsync(
            () => gateway.PostAsync(new { method = "对账" }, PaySimApiFixture.AdminToken),
            reply => reply.Status == HttpStatusCode.OK && reply.Body.GetProperty("ok").GetBoolean() && reply.Body.GetProperty("inFlightFen").GetInt64() == 0,
            "对账 ok with nothing in flight", SettleTimeout);
        Assert.Equal(0, report.Body.GetProperty("differences").GetArrayLength());
        Assert.Equal(PooledAccountCount + 2 * NamelessTransferWorkerCount, report.Body.GetProperty("accountCount").GetInt32());
        var totalFen = PooledAccountCount * PooledOpeningFen + NamelessTransferWorkerCount * NamelessOpeningFen;
        Assert.Equal(totalFen, report.Body.GetProperty("totalBalanceFen").GetInt64());

        foreach (var username in accounts.Pooled)
        {
            var expectedFen = PooledOpeningFen
                + moved.Where(transfer => transfer.Target == username).Sum(transfer => transfer.AmountFen)
                - moved.Where(transfer => transfer.Source == username).Sum(transfer => transfer.AmountFen);
            Assert.Equal(expectedFen, await BalanceAsync(gateway, username));
        }

        for (var worker = 0; worker < NamelessTransferWorkerCount; worker++)
        {
            var (payer, payee) = accounts.Nameless[worker];
            var answered = run.Answers.Where(answer => answer.Request is NamelessTransfer transfer && transfer.Worker == worker).ToList();
            var acknowledgedFen = BitsOf(answered.Where(answer => answer.Response.Status == HttpStatusCode.OK));
            var unansweredFen = BitsOf(answered.Where(answer => answer.Response.Status != HttpStatusCode.OK));
            Assert.All(answered.Where(answer => answer.Response.Status == HttpStatusCode.OK), answer => Assert.Equal("转账成功", answer.Response["result"]));
            var gainFen = await BalanceAsync(gateway, payee);
            Assert.Equal(NamelessOpeningFen - gainFen, await BalanceAsync(gateway, payer));
            Assert.True((gainFen & acknowledgedFen) == acknowledgedFen, $"payee {worker} gained {gainFen:b}, acknowledged {acknowledgedFen:b}");
            Assert.True((gainFen & ~(acknowledgedFen | unansweredFen)) == 0, $"payee {worker} gained {gainFen:b}, sent {acknowledgedFen | unansweredFen:b}");
        }

        static long BitsOf(IEnumerable<Answer> answers) =>
            answers.Aggregate(0L, (bits, answer) => bits | (1L << ((NamelessTransfer)answer.Request!).Sequence));
    }

    private static async Task<long> BalanceAsync(GatewayProcess gateway, string username)
    {
        var response = await Eventually.HoldsAsync(() => gateway.PostAsync(new { method = "查询账户信息", username }),
            reply => AssertOkOrRetryable(reply) == HttpStatusCode.OK, $"the balance of {username}", SettleTimeout);
        return response.Body.GetProperty("accountBalance").GetInt64();
    }

    /// <summary>200, or 503 with a reason (a retryable infrastructure answer); anything else fails the test.</summary>
    private static HttpStatusCode AssertOkOrRetryable(PaySimResponse response)
    {
        if (response.Status != HttpStatusCode.OK)
        {
            Assert.True(response.Status == HttpStatusCode.ServiceUnavailable && !string.IsNullOrEmpty(response["reason"]), response.ToString());
        }

        return response.Status;
    }

    private enum AnswerKind
    {
        PooledTransfer,
        NamelessTransfer,
        Query,
    }

    private sealed record TestAccounts(IReadOnlyList<string> Pooled, IReadOnlyList<(string Payer, string Payee)> Nameless);

    private sealed record PooledTransfer(string RequestId, string Source, string Target, long AmountFen);

    private sealed record NamelessTransfer(int Worker, int Sequence);

    private sealed record Answer(AnswerKind Kind, object? Request, TimeSpan SentAt, TimeSpan Latency, PaySimResponse Response);

    private sealed record LoadRun(IReadOnlyList<Answer> Answers, TimeSpan KilledAt);
}
