using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Grains;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>
/// A fresh store for crash tests (a SQLite file, or a PostgreSQL database when asked; PAYSIM_TEST_POSTGRES must then
/// be set) and the gateway processes started over it: one armed with a crash point that dies there, then one that
/// recovers. Also the POST /PaySim steps those tests share, and a look into the store beside the running gateway.
/// Disposing drops the store and the data folder.
/// </summary>
public sealed class CrashTestStore : IAsyncDisposable
{
    public const string AdminToken = "crash-test-admin-token-51c2";

    public const string Password = "crash-pw-246810";

    private readonly StorageOptions _options;
    private readonly PostgresTestDatabase? _database;
    private IStorageProvider? _reader;

    private CrashTestStore(StorageOptions options, PostgresTestDatabase? database)
    {
        _options = options;
        _database = database;
    }

    /// <summary>The folder of the SQLite file and of the keys the gateway keeps on disk.</summary>
    public string DataDirectory => _options.DataDirectory;

    public static async Task<CrashTestStore> CreateAsync(StorageProviderKind kind)
    {
        var database = kind == StorageProviderKind.PostgreSql ? await PostgresTestDatabase.CreateAsync() : null;
        var options = new StorageOptions
        {
            Provider = kind,
            DataDirectory = Path.Combine(Path.GetTempPath(), "paysim-crash-tests", Guid.NewGuid().ToString("N")),
            ConnectionString = database?.ConnectionString,
        };
        return new CrashTestStore(options, database);
    }

    /// <summary>Starts a gateway over this store, armed with <paramref name="crashPoint"/> when one is given.</summary>
    public Task<GatewayProcess> StartAsync(string? crashPoint, TimeSpan recoveryDelay)
    {
        var environment = new Dictionary<string, string>
        {
            ["PaySim__Storage__Provider"] = _options.Provider.ToString(),
            ["PaySim__Storage__DataDirectory"] = DataDirectory,
            ["PaySim__Admin__Token"] = AdminToken,
            ["PaySim__Recovery__RecoveryDelay"] = recoveryDelay.ToString("c"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (_options.ConnectionString is not null)
        {
            environment["PaySim__Storage__ConnectionString"] = _options.ConnectionString;
        }

        if (crashPoint is not null)
        {
            environment[CrashPoints.EnvironmentVariable] = crashPoint;
        }

        return GatewayProcess.StartAsync(environment);
    }

    /// <summary>
    /// Starts a gateway armed with <paramref name="crashPoint"/>, lets <paramref name="prepare"/> set up what the test
    /// needs and return the request that reaches the crash point, sends it, and checks that the request failed and
    /// that the process died there (its output names the point).
    /// </summary>
    public async Task CrashDuringAsync(string crashPoint, TimeSpan recoveryDelay, Func<GatewayProcess, Task<Func<Task<object>>>> prepare)
    {
        await using var gateway = await StartAsync(crashPoint, recoveryDelay);
        var send = await prepare(gateway);

        object? answer = null;
        var failure = await Record.ExceptionAsync(async () => answer = await send());

        Assert.True(failure is HttpRequestException,
            $"The request should have died with the process at {crashPoint}, got {failure?.ToString() ?? "the answer " + answer}\n{gateway.Output}");
        Assert.True(await gateway.WaitForExitAsync(GatewayProcess.ExitTimeoutMax), "The gateway still runs after its crash point.");
        Assert.True(gateway.ExitCode != 0, $"The gateway exited with 0 instead of crashing:\n{gateway.Output}");
        Assert.Contains(crashPoint, gateway.Output);
    }

    /// <summary>
    /// The grains whose money movement is unfinished: those holding a recovery reminder (<see cref="RecoveryReminder"/>),
    /// read from the store itself while a gateway runs on it, so that looking does not resume anything.
    /// </summary>
    public async Task<IReadOnlyList<string>> MovementsInFlightAsync()
    {
        _reader ??= StorageProviderFactory.Create(_options, NullLoggerFactory.Instance);
        var reminders = await _reader.ReminderStore.ReadByHashRangeAsync(0, 0, CancellationToken.None);
        return [.. reminders.Where(reminder => reminder.ReminderName == RecoveryReminder.Name).Select(reminder => reminder.GrainId.ToString())];
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>Opens an account with a fresh name and <see cref="Password"/>.</summary>
    public static async Task<string> OpenAccountAsync(GatewayProcess gateway, long initBalance)
    {
        var username = "c" + Guid.NewGuid().ToString("N")[..16];
        var response = await gateway.PostAsync(new { method = "创建账户", username, password = Password, initBalance }, AdminToken);
        Assert.True(response["result"] == "创建成功", response.ToString());
        return username;
    }

    public static async Task FreezeAsync(GatewayProcess gateway, string username)
    {
        var response = await gateway.PostAsync(new { method = "冻结账户", username }, AdminToken);
        Assert.True(response["result"] == "已冻结", response.ToString());
    }

    public static async Task<long> BalanceAsync(GatewayProcess gateway, string username) =>
        (await gateway.PostAsync(new { method = "查询账户信息", username })).Body.GetProperty("accountBalance").GetInt64();

    public static Task WaitForBalanceAsync(GatewayProcess gateway, string username, long balanceFen, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => BalanceAsync(gateway, username), balance => balance == balanceFen,
            $"the balance of {username} is {balanceFen} after recovery", timeout);

    /// <summary>对账 reports no difference and exactly <paramref name="inFlightFen"/> in flight.</summary>
    public static async Task AssertBooksBalancedAsync(GatewayProcess gateway, long inFlightFen)
    {
        var report = await gateway.PostAsync(new { method = "对账" }, AdminToken);

        Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.True(report.Body.GetProperty("inFlightFen").GetInt64() == inFlightFen, report.ToString());
        if (inFlightFen == 0)
        {
            Assert.True(report.Body.GetProperty("inFlightCount").GetInt32() == 0, report.ToString());
        }
    }
}
