using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PaySim.Gateway.Hosting;
using PaySim.Gateway.Security;
using PaySim.Silo.Hosting;
using PaySim.Tests.Gateway.Merchant;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Gateway;

/// <summary>
/// The cluster mode end to end, on a fresh PostgreSQL database: two silos hosted as the Silo project hosts them
/// (<c>Host.CreateApplicationBuilder</c> + <c>UsePaySim</c>, PostgreSQL membership, each on its own loopback ports)
/// and the real gateway (<see cref="Program"/>) as a pure Orleans client of them. Each test has its own database and
/// cluster id, so a stopped silo never disturbs another test.
/// </summary>
public sealed class ClusterGatewayTests(ITestOutputHelper output)
{
    private const string StorageName = "paysim";

    /// <summary>Real-time bound for membership to move an account after its silo stopped (Orleans' defaults).</summary>
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Real-time bound for a gateway started before the silos to connect once they run.</summary>
    private static readonly TimeSpan GatewayStartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Real-time bound for one graceful silo stop.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GatewayInClientMode_HostsNoSilo_AndOpensDepositsTransfersQueriesAndReconcilesThroughTheSilos()
    {
        await using var cluster = await PaySimCluster.StartAsync(siloCount: 2, output);

        // The gateway is an Orleans client: no silo, no grain storage of its own, a cluster client instead.
        Assert.Null(cluster.GatewayServices.GetService<ILocalSiloDetails>());
        Assert.Null(cluster.GatewayServices.GetKeyedService<IGrainStorage>(StorageName));
        Assert.NotNull(cluster.GatewayServices.GetService<IClusterClient>());
        Assert.All(cluster.Silos, silo => Assert.NotNull(silo.Services.GetService<ILocalSiloDetails>()));

        // Seeded at the gateway's start, through the client.
        Assert.Equal(TestAccountSeeder.RichAccountBalanceFen, await cluster.BalanceAsync(TestAccountSeeder.RichAccount));
        Assert.Equal(0, await cluster.BalanceAsync(TestAccountSeeder.EmptyAccount));

        var alice = await cluster.OpenAccountAsync(initBalance: 10_000);
        var bob = await cluster.OpenAccountAsync(initBalance: 0);

        var deposit = await cluster.PostAsync(new { method = "充值", username = alice, sum = 2_345 });
        Assert.Equal((HttpStatusCode.OK, "充值成功"), (deposit.Status, deposit["result"]));
        var transfer = await cluster.PostAsync(new { method = "主动转账", source = alice, target = bob, sum = 5_000, requestId = "t-1" });
        Assert.Equal((HttpStatusCode.OK, "转账成功"), (transfer.Status, transfer["result"]));
        var fromSeeded = await cluster.PostAsync(new { method = "主动转账", source = TestAccountSeeder.RichAccount, target = bob, sum = 1_000 });
        Assert.Equal((HttpStatusCode.OK, "转账成功"), (fromSeeded.Status, fromSeeded["result"]));
        var overdraft = await cluster.PostAsync(new { method = "主动转账", source = bob, target = alice, sum = 1_000_000 });
        Assert.Equal((HttpStatusCode.OK, "转账失败", "INSUFFICIENT_FUNDS"), (overdraft.Status, overdraft["result"], overdraft["reason"]));
        // A retry of the transfer (same requestId) answers as the first and moves nothing again.
        var retried = await cluster.PostAsync(new { method = "主动转账", source = alice, target = bob, sum = 5_000, requestId = "t-1" });
        Assert.Equal((HttpStatusCode.OK, "转账成功"), (retried.Status, retried["result"]));

        var info = await cluster.PostAsync(new { method = "查询账户信息", username = alice });
        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal("正常", info["accountState"]);
        Assert.Equal(10_000 + 2_345 - 5_000, info.Body.GetProperty("accountBalance").GetInt64());
        Assert.StartsWith("o", info["openID"], StringComparison.Ordinal);
        Assert.True(long.TryParse(info["checkTimestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out _), info.ToString());
        Assert.Equal(5_000 + 1_000, await cluster.BalanceAsync(bob));
        Assert.Equal(TestAccountSeeder.RichAccountBalanceFen - 1_000, await cluster.BalanceAsync(TestAccountSeeder.RichAccount));
        var missing = await cluster.PostAsync(new { method = "查询账户信息", username = "nobody-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal((HttpStatusCode.NotFound, "NO_SUCH_ACCOUNT"), (missing.Status, missing["reason"]));

        await cluster.AssertBooksReconcileAsync(accountCount: 4, totalBalanceFen: TestAccountSeeder.RichAccountBalanceFen + 10_000 + 2_345);
    }

    [Fact]
    public async Task MerchantRegistersAndTakesASignedBarCodePayment_OnStandaloneSilos_AndAnotherSiloReadsItsSecrets()
    {
        await using var cluster = await PaySimCluster.StartAsync(siloCount: 2, output);
        var payer = await cluster.OpenAccountAsync(initBalance: 10_000);
        var shop = await cluster.OpenAccountAsync(initBalance: 0);

        // Registration and the payment run on silos without a gateway in their process (issue 14: 503 before).
        var merchant = await FufuRequests.RegisterMerchantAsync(cluster.Client, PaySimApiFixture.AdminToken, "集群商户", shop);
        var code = await cluster.PostAsync(new { method = "获取付款码", username = payer, password = PaySimApiFixture.Password });
        Assert.True(code["result"] == "获取成功", code.ToString());
        var order = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["busi_id"] = merchant.MerchantId, ["out_trade_no"] = "C1", ["total_fee"] = "250", ["channel_type"] = "1",
            ["auth_code"] = code["payerCode"]!, ["pay_subject"] = "集群商品", ["fee_type"] = "CNY",
        });
        var paid = await FufuRequests.PostAsync(cluster.Client, "order", order, merchant.Key, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(paid.GetProperty("data").GetProperty("return_code").ToString() == "SUCCESS", paid.ToString());
        Assert.Equal("1", paid.GetProperty("data").GetProperty("state").ToString());
        Assert.Equal(10_000 - 250, await cluster.BalanceAsync(payer));
        Assert.Equal(250, await cluster.BalanceAsync(shop));

        // The silo holding the merchant leaves; the other one activates it from the store and must decrypt its key:
        // with a key per process it could not, and every signed request would fail.
        await cluster.StopSiloAsync(await cluster.HostOfAsync(GrainId.Create("merchant", merchant.MerchantId)));
        var query = JsonSerializer.Serialize(new { busi_id = merchant.MerchantId, out_trade_no = "C1" });
        async Task<string> QueryAsync()
        {
            using var content = new StringContent(query, System.Text.Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            var sign = FufuSigning.Sign(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), merchant.Key, query);
            using var response = await cluster.Client.PostAsync($"/gateway/pay/query?sign={sign}", content);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        // Seed 001's EXCEPTION (its word for 503) while membership moves the merchant; then the remaining silo answers,
        // signed with the decrypted key.
        var queried = await Eventually.HoldsAsync(QueryAsync, reply => !reply.Contains("\"EXCEPTION\"", StringComparison.Ordinal),
            "an answer other than EXCEPTION to the order query", MoveTimeout);
        Assert.StartsWith("200 ", queried, StringComparison.Ordinal);
        using var reply = JsonDocument.Parse(queried[4..]);
        Assert.True(reply.RootElement.GetProperty("data").GetProperty("state").ToString() == "1", queried);
    }

    [Fact]
    public async Task SiloHostingAnAccountStopsGracefully_TheGatewayKeepsAnsweringForIt_AndBalancesStayExact()
    {
        await using var cluster = await PaySimCluster.StartAsync(siloCount: 2, output);
        var alice = await cluster.OpenAccountAsync(initBalance: 50_000);
        var bob = await cluster.OpenAccountAsync(initBalance: 1_000);
        var before = await cluster.PostAsync(new { method = "主动转账", source = alice, target = bob, sum = 7_000, requestId = "before-stop" });
        Assert.Equal((HttpStatusCode.OK, "转账成功"), (before.Status, before["result"]));
        const long AliceFen = 50_000 - 7_000;
        const long BobFen = 1_000 + 7_000;

        var victim = await cluster.HostOfAccountAsync(alice);
        var survivor = cluster.Silos.Single(silo => silo != victim);

        // Someone keeps asking for alice through the gateway while her silo leaves: every answer is her exact balance
        // or a retryable 503 with a reason, never a 500 and never another balance.
        var answers = new ConcurrentQueue<PaySimResponse>();
        using var stopAsking = new CancellationTokenSource();
        var asking = Task.Run(async () =>
        {
            while (!stopAsking.IsCancellationRequested)
            {
                answers.Enqueue(await cluster.PostAsync(new { method = "查询账户信息", username = alice }));
            }
        });

        await cluster.StopSiloAsync(victim);
        Assert.Single(cluster.Silos);

        var answered = await Eventually.HoldsAsync(
            () => cluster.PostAsync(new { method = "查询账户信息", username = alice }),
            response => AssertOkOrRetryable(response) == HttpStatusCode.OK,
            $"the gateway answers for {alice} after {victim.Address} stopped",
            MoveTimeout);
        await stopAsking.CancelAsync();
        await asking;

        Assert.Equal(AliceFen, answered.Body.GetProperty("accountBalance").GetInt64());
        Assert.NotEmpty(answers);
        Assert.All(answers, response =>
        {
            if (AssertOkOrRetryable(response) == HttpStatusCode.OK)
            {
                Assert.Equal(AliceFen, response.Body.GetProperty("accountBalance").GetInt64());
            }
        });
        output.WriteLine($"{answers.Count} answers while {victim.Address} stopped, {answers.Count(a => a.Status != HttpStatusCode.OK)} of them 503");

        // The account now lives on the survivor, and money moves as before.
        var retried = await PostUntilAnsweredAsync(cluster, new { method = "主动转账", source = alice, target = bob, sum = 7_000, requestId = "before-stop" });
        Assert.Equal("转账成功", retried["result"]);
        Assert.Equal(survivor, await cluster.HostOfAccountAsync(alice));
        var deposit = await PostUntilAnsweredAsync(cluster, new { method = "充值", username = alice, sum = 333, requestId = "after-stop-deposit" });
        Assert.Equal("充值成功", deposit["result"]);
        var transfer = await PostUntilAnsweredAsync(cluster, new { method = "主动转账", source = alice, target = bob, sum = 2_000, requestId = "after-stop" });
        Assert.Equal("转账成功", transfer["result"]);
        var back = await PostUntilAnsweredAsync(cluster, new { method = "主动转账", source = bob, target = alice, sum = 500, requestId = "after-stop-back" });
        Assert.Equal("转账成功", back["result"]);

        Assert.Equal(AliceFen + 333 - 2_000 + 500, await cluster.BalanceAsync(alice));
        Assert.Equal(BobFen + 2_000 - 500, await cluster.BalanceAsync(bob));
        await cluster.AssertBooksReconcileAsync(accountCount: 4, totalBalanceFen: TestAccountSeeder.RichAccountBalanceFen + 50_000 + 1_000 + 333);
    }

    [Fact]
    public async Task GatewayStartedBeforeAnySiloMigratedTheDatabase_WaitsForTheSilos_AndThenServes()
    {
        // The README starts silos and gateways together; here the gateway is first, on a database no silo migrated yet.
        await using var cluster = await PaySimCluster.StartAsync(siloCount: 2, output, gatewayFirst: true);

        Assert.Null(cluster.GatewayServices.GetService<ILocalSiloDetails>());
        Assert.Equal(TestAccountSeeder.RichAccountBalanceFen, await cluster.BalanceAsync(TestAccountSeeder.RichAccount));
        var alice = await cluster.OpenAccountAsync(initBalance: 900);
        var transfer = await cluster.PostAsync(new { method = "主动转账", source = alice, target = TestAccountSeeder.EmptyAccount, sum = 400 });
        Assert.Equal((HttpStatusCode.OK, "转账成功"), (transfer.Status, transfer["result"]));
        Assert.Equal(500, await cluster.BalanceAsync(alice));
        Assert.Equal(400, await cluster.BalanceAsync(TestAccountSeeder.EmptyAccount));
        await cluster.AssertBooksReconcileAsync(accountCount: 3, totalBalanceFen: TestAccountSeeder.RichAccountBalanceFen + 900);
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

    /// <summary>
    /// Posts a request with a requestId until it is answered 200; a 503 (with a reason) in between is the retry the
    /// API documents, and the requestId makes it apply at most once.
    /// </summary>
    private static Task<PaySimResponse> PostUntilAnsweredAsync(PaySimCluster cluster, object body) =>
        Eventually.HoldsAsync(() => cluster.PostAsync(body), response => AssertOkOrRetryable(response) == HttpStatusCode.OK,
            $"an answer 200 to {JsonSerializer.Serialize(body)}", MoveTimeout);

    /// <summary>A fresh database, silos on it with PostgreSQL membership, and the gateway as their Orleans client.</summary>
    private sealed class PaySimCluster : IAsyncDisposable
    {
        private readonly PostgresTestDatabase _database;
        private readonly Dictionary<string, string> _clusterSettings;
        private readonly ITestOutputHelper _output;
        private readonly List<SiloHost> _silos = [];
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-cluster-tests", Guid.NewGuid().ToString("N"));
        private WebApplicationFactory<Program>? _gateway;
        private HttpClient? _client;

        private PaySimCluster(PostgresTestDatabase database, ITestOutputHelper output)
        {
            _database = database;
            _output = output;
            _clusterSettings = new Dictionary<string, string>
            {
                ["PaySim:Storage:Provider"] = "PostgreSql",
                ["PaySim:Storage:ConnectionString"] = database.ConnectionString,
                ["PaySim:Storage:DataDirectory"] = _dataDirectory,
                ["PaySim:Cluster:Membership"] = "PostgreSql",
                ["PaySim:Cluster:ClusterId"] = $"paysim-test-{Guid.NewGuid():N}",
                // Every silo of a cluster encrypts merchant secrets under this one key.
                ["PaySim:Merchant:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            };
        }

        public IReadOnlyList<SiloHost> Silos => _silos;

        public IServiceProvider GatewayServices => _gateway!.Services;

        public HttpClient Client => _client!;

        /// <summary>
        /// Starts the silos one after another, then the gateway; or, with <paramref name="gatewayFirst"/>, the gateway's
        /// start first (it completes only once its client connected), then the silos.
        /// </summary>
        public static async Task<PaySimCluster> StartAsync(int siloCount, ITestOutputHelper output, bool gatewayFirst = false)
        {
            var cluster = new PaySimCluster(await PostgresTestDatabase.CreateAsync(), output);
            try
            {
                var gatewayStarted = gatewayFirst ? Task.Run(cluster.StartGateway) : null;
                for (var index = 0; index < siloCount; index++)
                {
                    await cluster.StartSiloAsync(index);
                }

                if (gatewayStarted is null)
                {
                    cluster.StartGateway();
                }
                else
                {
                    await gatewayStarted.WaitAsync(GatewayStartTimeout);
                }

                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public Task<PaySimResponse> PostAsync(object body, string? adminToken = null) =>
            SendAsync(JsonContent.Create(body), adminToken);

        /// <summary>Opens an account with a fresh name through 创建账户 (admin) and returns the name.</summary>
        public async Task<string> OpenAccountAsync(long initBalance)
        {
            var username = "u" + Guid.NewGuid().ToString("N")[..16];
            var response = await PostAsync(new { method = "创建账户", username, password = PaySimApiFixture.Password, initBalance }, PaySimApiFixture.AdminToken);
            Assert.True(response.Status == HttpStatusCode.OK && response["result"] == "创建成功", response.ToString());
            Assert.StartsWith("o", response["openID"], StringComparison.Ordinal);
            return username;
        }

        public async Task<long> BalanceAsync(string username)
        {
            var response = await PostAsync(new { method = "查询账户信息", username });
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            return response.Body.GetProperty("accountBalance").GetInt64();
        }

        /// <summary>对账 through the gateway: the books agree, nothing is in flight, and the totals are the expected ones.</summary>
        public async Task AssertBooksReconcileAsync(int accountCount, long totalBalanceFen)
        {
            var unauthorised = await PostAsync(new { method = "对账" });
            Assert.Equal((HttpStatusCode.Unauthorized, "ADMIN_TOKEN_MISSING"), (unauthorised.Status, unauthorised["reason"]));
            var report = await PostAsync(new { method = "对账" }, PaySimApiFixture.AdminToken);
            Assert.True(report.Status == HttpStatusCode.OK, report.ToString());
            Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.ToString());
            Assert.Equal(0, report.Body.GetProperty("differences").GetArrayLength());
            Assert.Equal(0, report.Body.GetProperty("inFlightFen").GetInt64());
            Assert.Equal(accountCount, report.Body.GetProperty("accountCount").GetInt32());
            Assert.Equal(totalBalanceFen, report.Body.GetProperty("totalBalanceFen").GetInt64());
            Assert.Equal(totalBalanceFen, report.Body.GetProperty("depositedFen").GetInt64() - report.Body.GetProperty("withdrawnFen").GetInt64());
        }

        /// <summary>The silo whose activation of the account answers its calls (found through Orleans' management grain).</summary>
        public Task<SiloHost> HostOfAccountAsync(string username) => HostOfAsync(GrainId.Create("account", username));

        /// <summary>The silo whose activation of the grain answers its calls.</summary>
        public async Task<SiloHost> HostOfAsync(GrainId grainId)
        {
            var management = _silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var statistics = await management.GetDetailedGrainStatistics(null, _silos.Select(silo => silo.Address).ToArray());
            var hosts = statistics.Where(statistic => statistic.GrainId == grainId).Select(statistic => statistic.SiloAddress).ToList();
            Assert.True(hosts.Count == 1, $"{grainId} has {hosts.Count} activations: {string.Join(", ", hosts)}");
            return _silos.Single(silo => silo.Address.Equals(hosts[0]));
        }

        /// <summary>Stops a silo gracefully (its host's StopAsync, as on SIGTERM) and forgets it.</summary>
        public async Task StopSiloAsync(SiloHost silo)
        {
            _silos.Remove(silo);
            using var timeout = new CancellationTokenSource(StopTimeout);
            await silo.Host.StopAsync(timeout.Token);
            silo.Host.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }

            foreach (var silo in _silos.ToList())
            {
                await StopSiloAsync(silo);
            }

            await _database.DisposeAsync();
            if (Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }

        /// <summary>As Silo/Program.cs hosts a silo, with this cluster's settings and free loopback ports.</summary>
        private async Task StartSiloAsync(int index)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [],
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(_clusterSettings.Concat(LoopbackPorts.SiloSettings()).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
            UseTestOutput(builder.Logging, $"silo{index}");
            builder.UseOrleans(silo => silo.UsePaySim(builder.Configuration));
            var host = builder.Build();
            await host.StartAsync();
            _silos.Add(new SiloHost(host, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress));
        }

        /// <summary>The gateway as in <see cref="PaySimApiFixture"/>, in client mode (PostgreSQL membership, same cluster id).</summary>
        private void StartGateway()
        {
            var settings = new Dictionary<string, string>(_clusterSettings)
            {
                [AdminCredential.ConfigurationKey] = PaySimApiFixture.AdminToken,
                [TestAccountSeeder.ConfigurationKey] = "true",
            };
            _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                foreach (var (key, value) in settings)
                {
                    builder.UseSetting(key, value);
                }

                builder.ConfigureLogging(logging => UseTestOutput(logging, "gateway"));
            });
            _client = _gateway.CreateClient();
        }

        private void UseTestOutput(ILoggingBuilder logging, string name)
        {
            logging.ClearProviders();
            logging.AddProvider(new TestOutputLoggerProvider(_output, name));
            logging.SetMinimumLevel(LogLevel.Warning);
        }

        private async Task<PaySimResponse> SendAsync(HttpContent content, string? adminToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim") { Content = content };
            if (adminToken is not null)
            {
                request.Headers.Add(AdminCredential.HeaderName, adminToken);
            }

            using var response = await _client!.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new PaySimResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
        }
    }

    private sealed record SiloHost(IHost Host, SiloAddress Address)
    {
        public IServiceProvider Services => Host.Services;
    }

    /// <summary>Warnings and errors of the silos and the gateway into the test's output, for failure messages.</summary>
    private sealed class TestOutputLoggerProvider(ITestOutputHelper output, string name) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, $"{name} {categoryName}");

        public void Dispose()
        {
        }

        private sealed class TestOutputLogger(ITestOutputHelper output, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                try
                {
                    output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}] {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
                }
                catch (InvalidOperationException)
                {
                    // The test has finished; its output is closed.
                }
            }
        }
    }
}
