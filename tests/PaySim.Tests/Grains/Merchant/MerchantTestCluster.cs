using Microsoft.Extensions.DependencyInjection;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Runtime;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>Starts a one-silo cluster with the merchant grains, a fake clock, a scripted notification sender and, unless told otherwise, the in-memory store.</summary>
public static class MerchantTestCluster
{
    /// <summary>Noon in Beijing: inside seed 001's cancel window.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);

    public const string Payer = "payer";
    public const string Shop = "shop";
    public const string Password = "123456";
    public const long PayerBalanceFen = 100_000;

    public static Task<TestCluster> StartAsync(FakeTimeProvider clock, IMerchantNotificationSender? sender = null, StorageOptions? storage = null) =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            TimeProvider = clock,
            Storage = storage,
            GrainAssemblies = [typeof(MerchantGrain).Assembly, typeof(MerchantTestCluster).Assembly],
            ConfigureServices = services =>
            {
                services.AddSingleton<IMerchantSecretProtector>(new AesGcmMerchantSecretProtector(new byte[32]));
                services.AddSingleton(sender ?? new ScriptedNotificationSender());
            },
        });

    /// <summary>Opens the payer and shop accounts and registers a merchant settling to the shop; returns its credentials.</summary>
    public static async Task<MerchantCredentials> SeedAsync(IGrainFactory grains, string merchantId = "10000000000001")
    {
        await grains.GetGrain<IAccountGrain>(Payer).OpenAsync(Password, PayerBalanceFen);
        await grains.GetGrain<IAccountGrain>(Shop).OpenAsync(Password, 0);
        var reply = await grains.GetGrain<IMerchantGrain>(merchantId).RegisterAsync(new MerchantRegistration("测试商户", Shop));
        return reply.Credentials!;
    }

    public static async Task<long> BalanceAsync(IGrainFactory grains, string account) =>
        (await grains.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen;
}
