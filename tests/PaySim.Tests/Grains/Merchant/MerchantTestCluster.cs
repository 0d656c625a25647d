using Microsoft.Extensions.DependencyInjection;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Merchant;
using Orleans;
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

    public static Task<PaySimTestCluster> StartAsync(
        FakeTimeProvider clock,
        IMerchantNotificationSender? sender = null,
        StorageOptions? storage = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null) =>
        PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
        {
            TimeProvider = clock,
            Storage = storage,
            Settings = settings ?? new Dictionary<string, string?>(),
            ConfigureServices = services =>
            {
                services.AddSingleton<IMerchantSecretProtector>(new AesGcmMerchantSecretProtector(new byte[32]));
                services.AddSingleton(sender ?? new ScriptedNotificationSender());
                configureServices?.Invoke(services);
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

    /// <summary>
    /// Waits, like <see cref="Eventually"/>, for what a reminder tick does. Orleans' reminder service arms its timers
    /// on the fake clock in the background (after a registration, or when a silo loads its reminders), so a timer may
    /// be armed only after the test's last <see cref="FakeTimeProvider.Advance"/>: each poll moves the clock by
    /// <paramref name="step"/> first (zero: only fires ticks already due), so such a tick still comes due.
    /// </summary>
    public static Task<T> ReminderEffectAsync<T>(FakeTimeProvider clock, TimeSpan step, Func<Task<T>> probe, Func<T, bool> condition, string what) =>
        Eventually.HoldsAsync(
            async () =>
            {
                clock.Advance(step);
                return await probe();
            },
            condition,
            what);

    public static async Task<long> BalanceAsync(IGrainFactory grains, string account) =>
        (await grains.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen;
}
