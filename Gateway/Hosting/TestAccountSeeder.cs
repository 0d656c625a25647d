using Orleans;
using PaySim.Grains.Interfaces;
using Orleans.Storage;

namespace PaySim.Gateway.Hosting;

/// <summary>
/// Opens the seed's test accounts on start if they do not exist: 账户1 (password 123456, ample balance) and 账户2
/// (password 123456, nothing). Opening an existing account answers AlreadyExists and changes nothing, so every start
/// and every gateway may run it. Turned off with <c>PaySim:SeedTestAccounts=false</c>.
/// </summary>
public sealed partial class TestAccountSeeder(IGrainFactory grains, IConfiguration configuration, ILogger<TestAccountSeeder> logger)
    : IHostedService
{
    public const string ConfigurationKey = "PaySim:SeedTestAccounts";
    public const string RichAccount = "账户1";
    public const string EmptyAccount = "账户2";
    public const string Password = "123456";

    /// <summary>1,000,000 yuan: "余额充足" for any test, yet far below the balance limit so deposits still fit.</summary>
    public const long RichAccountBalanceFen = 100_000_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(ConfigurationKey, defaultValue: true))
        {
            return;
        }

        await OpenAsync(RichAccount, RichAccountBalanceFen);
        await OpenAsync(EmptyAccount, 0);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task OpenAsync(string username, long balanceFen)
    {
        AccountResult result;
        try
        {
            result = await grains.GetGrain<IAccountGrain>(username).OpenAsync(Password, balanceFen);
        }
        catch (InconsistentStateException)
        {
            // Another gateway opened it at the same moment; the retry reads the stored account and finds it exists.
            result = await grains.GetGrain<IAccountGrain>(username).OpenAsync(Password, balanceFen);
        }

        if (result == AccountResult.Ok)
        {
            LogOpened(logger, username, balanceFen);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened test account {Username} with {BalanceFen} fen")]
    private static partial void LogOpened(ILogger logger, string username, long balanceFen);
}
