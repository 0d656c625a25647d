using PaySim.Silo.Hosting;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Silo;
using PaySim.Silo.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

/// <summary>
/// The standalone silo (<c>dotnet run --project Silo</c>) built by <see cref="SiloProgram.Build"/>, the code its Main
/// runs, with no gateway in the process: every grain class must activate there, so no grain depends on a service
/// only a gateway registers (issue 14: merchants answered 503 on a cluster's silos).
/// </summary>
public sealed class SiloProgramTests
{
    /// <summary>One cheap call per grain class, through its contract; activating the grain resolves its constructor.</summary>
    private static readonly Dictionary<string, Func<IGrainFactory, Task>> CheapCalls = new()
    {
        ["AccountGrain"] = grains => grains.GetGrain<IAccountGrain>("nobody").GetSnapshotAsync(),
        ["AccountOpenerGrain"] = grains => grains.GetGrain<IAccountOpenerGrain>(0).OpenBatchAsync(new AccountBatchRequest("nobody-", 1, 0, "pw", 0)),
        ["TransferGrain"] = grains => grains.GetGrain<ITransferGrain>("no-transfer").AsReference<IMovementOrchestratorGrain>().ResumeMovementAsync(),
        ["TradeGrain"] = grains => grains.GetGrain<ITradeGrain>("no-trade").GetSnapshotAsync(),
        ["ReconciliationGrain"] = grains => grains.GetGrain<IReconciliationGrain>(0).RunAsync(),
        ["MerchantGrain"] = grains => grains.GetGrain<IMerchantGrain>("10000000000001").SignAsync(MerchantSecretKind.Key, "", ""),
        ["MerchantIndexGrain"] = grains => grains.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade("none")).GetAsync(),
        ["MerchantOrderGrain"] = grains => grains.GetGrain<IMerchantOrderGrain>(MerchantIndexKeys.Order("10000000000001", "none")).GetAsync(),
        ["MerchantNotificationGrain"] = grains => grains.GetGrain<IMerchantNotificationGrain>("10000000000001:none").GetStatusAsync(),
        ["PayerCodeGrain"] = grains => grains.GetGrain<IPayerCodeGrain>(new string('2', MerchantLimits.PayerCodeLength)).RedeemAsync("10000000000001:none"),
        ["ReadinessProbeGrain"] = grains => grains.GetGrain<PaySim.Grains.Interfaces.Health.IReadinessProbeGrain>(0).PingAsync(),
    };

    [Fact]
    public void CheapCalls_CoverEveryGrainClass()
    {
        var grainClasses = typeof(AccountGrain).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsSubclassOf(typeof(Grain)))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(grainClasses, CheapCalls.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StandaloneSilo_ActivatesEveryGrainClass_WithWhatTheSiloAloneRegisters()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-silo-tests", Guid.NewGuid().ToString("N"));
        var ports = LoopbackPorts.SiloSettings();
        using var host = SiloProgram.Build(
        [
            "--PaySim:Storage:Provider=Memory",
            $"--PaySim:Storage:DataDirectory={dataDirectory}",
            $"--PaySim:Cluster:SiloPort={ports["PaySim:Cluster:SiloPort"]}",
            $"--PaySim:Cluster:GatewayPort={ports["PaySim:Cluster:GatewayPort"]}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            foreach (var (grainClass, call) in CheapCalls)
            {
                var failure = await Record.ExceptionAsync(() => call(grains));
                Assert.True(failure is null, $"{grainClass} did not answer on a standalone silo: {failure}");
            }

            // The single node made its own merchant key, in its data directory, as before.
            Assert.Equal(32, new FileInfo(Path.Combine(dataDirectory, MerchantSecretKeys.DefaultFileName)).Length);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ClusterSilo_WithoutASharedMerchantKey_DoesNotStart_AndSaysWhichSettingToSet()
    {
        var ports = LoopbackPorts.SiloSettings();
        using var host = SiloProgram.Build(
        [
            "--PaySim:Storage:Provider=PostgreSql",
            "--PaySim:Storage:ConnectionString=Host=127.0.0.1;Port=1;Username=nobody;Database=none",
            "--PaySim:Cluster:Membership=PostgreSql",
            $"--PaySim:Cluster:SiloPort={ports["PaySim:Cluster:SiloPort"]}",
            $"--PaySim:Cluster:GatewayPort={ports["PaySim:Cluster:GatewayPort"]}",
        ]);

        // Settings are checked before anything starts, so the unreachable database is never tried.
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("PaySim:Merchant:SecretKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PaySim:Merchant:SecretKeyFile", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// README: invalid settings stop the start with a message that names the setting. The process prints one line and
    /// exits 1, rather than dying on an unhandled exception (SIGABRT and a stack trace) or with Orleans' message about
    /// its own options, which names no PaySim setting.
    /// </summary>
    [Theory]
    [InlineData("--PaySim:Storage:Provider=Bogus", "PaySim:Storage:Provider")]
    [InlineData("--PaySim:Cluster:Membership=PostgreSql", "PaySim:Cluster:ConnectionString")]
    public void ASettingThatCannotWork_StopsTheStart_WithOneLineNamingIt(string setting, string named)
    {
        var errors = new StringWriter();
        var standardError = Console.Error;
        Console.SetError(errors);
        int exitCode;
        try
        {
            exitCode = SiloProgram.Main([setting]);
        }
        finally
        {
            Console.SetError(standardError);
        }

        Assert.Equal(HostStart.SettingRefusedExitCode, exitCode);
        // Console.Error is the process's: a test running beside this one may write to it too, so only this line is sought.
        Assert.Contains(errors.ToString().Split('\n'), line => line.StartsWith("PaySim did not start: ", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterSilo_WithASharedMerchantKey_PassesTheCheck()
    {
        var ports = LoopbackPorts.SiloSettings();
        using var host = SiloProgram.Build(
        [
            "--PaySim:Cluster:Membership=PostgreSql",
            "--PaySim:Storage:Provider=PostgreSql",
            "--PaySim:Storage:ConnectionString=Host=127.0.0.1;Port=1;Username=nobody;Database=none",
            $"--PaySim:Merchant:SecretKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--PaySim:Cluster:SiloPort={ports["PaySim:Cluster:SiloPort"]}",
            $"--PaySim:Cluster:GatewayPort={ports["PaySim:Cluster:GatewayPort"]}",
        ]);

        Assert.NotNull(host.Services.GetRequiredService<IOptions<MerchantSiloOptions>>().Value.SecretKey);
    }
}
