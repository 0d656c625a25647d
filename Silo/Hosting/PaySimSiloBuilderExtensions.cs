using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using PaySim.Grains;
using PaySim.Grains.Movements;
using PaySim.Grains.Persistence;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Merchant;
using PaySim.Silo.Observability;
using PaySim.Silo.Persistence;
using PaySim.Silo.Reconciliation;
using PaySim.Silo.Recovery;
using PaySim.Silo.Reminders;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Hosting;

/// <summary>Every configuration choice of a PaySim silo, in one place: used by the silo host, the single-node gateway and tests.</summary>
public static class PaySimSiloBuilderExtensions
{
    /// <summary>Orleans' invariant name of Npgsql; every ADO.NET option needs it (grain storage defaults to SQL Server's).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>How long a stopping silo may take: Orleans' own stop of a busy silo can take most of 30 s.</summary>
    public static readonly TimeSpan ShutdownTimeoutMin = TimeSpan.FromSeconds(45);

    /// <summary>How long a stopping silo waits for its connected gateways to acknowledge that it is leaving.</summary>
    public static readonly TimeSpan ClientGatewayShutdownNotificationTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Configures the silo from <paramref name="configuration"/>: clustering (<c>PaySim:Cluster</c>), the stores
    /// (<c>PaySim:Storage</c>), reminders, Orleans' dashboard (<c>PaySim:Dashboard</c>), and PaySim's settings
    /// (<c>PaySim:Silo</c>, <c>PaySim:Recovery</c>, <c>PaySim:Merchant</c>).
    /// </summary>
    public static ISiloBuilder UsePaySim(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection("PaySim:Storage").Get<StorageOptions>() ?? new StorageOptions();
        var cluster = configuration.GetSection(ClusterMembershipSettings.SectionName).Get<ClusterMembershipSettings>() ?? new();
        silo.Services.AddOptions<ClusterMembershipSettings>().Bind(configuration.GetSection(ClusterMembershipSettings.SectionName)).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipSettings>, ClusterMembershipSettingsValidator>());
        silo.UsePaySimClustering(cluster, storage);
        silo.UseGracefulStop();
        silo.AddPaySimGrainCallTracing(configuration);
        silo.AddPaySimDashboard(configuration);
        return silo.AddPaySim(configuration);
    }

    /// <summary>
    /// Everything of <see cref="UsePaySim"/> but clustering, for hosts that bring their own (Orleans' test cluster):
    /// every service a grain needs at run time is registered here, so a silo without a gateway serves every grain.
    /// </summary>
    public static ISiloBuilder AddPaySim(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection("PaySim:Storage").Get<StorageOptions>() ?? new StorageOptions();
        var cluster = configuration.GetSection(ClusterMembershipSettings.SectionName).Get<ClusterMembershipSettings>() ?? new();
        silo.AddPaySimStorage(configuration, storage.DocumentStore);
        silo.AddIncomingGrainCallFilter<StoreFailureFilter>();
        silo.AddPaySimReminders(configuration);
        silo.Services.AddPaySimOptions(configuration);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IAccountLedgerReader, StoreAccountLedgerReader>();
        silo.Services.AddPaySimMerchant(configuration, cluster.Membership);
        silo.Services.AddPaySimStoreGauges(configuration);
        return silo;
    }

    /// <summary>The membership table's connection string: the cluster's own, else the store's; refused when neither is set.</summary>
    public static string MembershipConnectionString(string? cluster, string? storage) =>
        !string.IsNullOrWhiteSpace(cluster) ? cluster
        : !string.IsNullOrWhiteSpace(storage) ? storage
        : throw new SettingRefusedException(
            "PaySim:Cluster:Membership=PostgreSql needs a PostgreSQL connection string: set PaySim:Cluster:ConnectionString (or PaySim:Storage:ConnectionString, which it defaults to).");

    private static void UsePaySimClustering(this ISiloBuilder silo, ClusterMembershipSettings cluster, StorageOptions storage)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        if (cluster.Membership == ClusterMembershipKind.Localhost)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            return;
        }

        var connectionString = MembershipConnectionString(cluster.ConnectionString, storage.ConnectionString);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        silo.Configure<ClusterMembershipOptions>(membership => FailureDetectionProfiles.Apply(cluster.FailureDetection, membership));
    }

    /// <summary>
    /// A stop (SIGTERM) first tells connected gateways to send elsewhere, then lets activations finish their queued
    /// calls and hands reminder ranges over; the host must wait for that rather than cut it off at .NET's 30 s.
    /// </summary>
    private static void UseGracefulStop(this ISiloBuilder silo)
    {
        silo.Services.Configure<HostOptions>(host =>
        {
            if (host.ShutdownTimeout < ShutdownTimeoutMin)
            {
                host.ShutdownTimeout = ShutdownTimeoutMin;
            }
        });
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ClientGatewayShutdownNotificationTimeout = ClientGatewayShutdownNotificationTimeout);
    }

    private static void AddPaySimStorage(this ISiloBuilder silo, IConfiguration configuration, DocumentStoreKind documentStore)
    {
        var services = silo.Services;
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("PaySim:Storage")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton<IStorageProvider>(provider => StorageProviderFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreLifecycle>();
        services.AddKeyedSingleton<IGrainStateStore>(StorageNames.Journaled, (provider, _) => provider.GetRequiredService<IStorageProvider>().GrainStateStore);
        services.AddSingleton<IAttributeToFactoryMapper<JournaledStateAttribute>, JournaledStateAttributeMapper>();
        if (documentStore == DocumentStoreKind.AdoNet)
        {
            silo.AddAdoNetGrainStorage(StorageNames.Documents, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<IOptions<StorageOptions>>((target, stored) =>
                {
                    target.Invariant = NpgsqlInvariant;
                    target.ConnectionString = stored.Value.ConnectionString;
                    target.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
                }));
            return;
        }

        services.AddGrainStorage(StorageNames.Documents, (provider, _) =>
            new GroupCommitGrainStorage(provider.GetRequiredService<IStorageProvider>().GrainStateStore));
    }

    private static void AddPaySimReminders(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(provider => new GroupCommitReminderTable(provider.GetRequiredService<IStorageProvider>().ReminderStore));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MovementRecovery>();
        silo.Services.AddSingleton<IRecoveryMarkers, StoreRecoveryMarkers>();
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<MoneyRecoveryOptions>>((reminders, recovery) =>
        {
            // Recovery reminders tick every RecoveryDelay; Orleans refuses periods under its minimum (1 minute by
            // default), so a shorter delay (tests, demos) lowers the minimum to it, and Orleans warns at start-up.
            if (recovery.Value.RecoveryDelay < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = recovery.Value.RecoveryDelay;
            }
        });
    }

    private static void AddPaySimOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiloRuntimeOptions>().Bind(configuration.GetSection(SiloRuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloRuntimeOptions>, SiloRuntimeOptionsValidator>());
        services.AddOptions<MoneyRecoveryOptions>().Bind(configuration.GetSection(MoneyRecoveryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MoneyRecoveryOptions>, MoneyRecoveryOptionsValidator>());
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SiloRuntimeOptions>>((collection, silo) =>
            collection.CollectionAge = silo.Value.IdleDeactivationAfter);
        services.AddOptions<SiloMessagingOptions>().Configure<IOptions<SiloRuntimeOptions>>((messaging, silo) =>
            messaging.ResponseTimeout = silo.Value.ResponseTimeout);
        services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<SiloRuntimeOptions>>((directory, silo) =>
            directory.CacheSize = silo.Value.DirectoryCacheSize);
    }
}
