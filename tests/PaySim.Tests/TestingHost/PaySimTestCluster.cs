using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.TestingHost;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// PaySim's silos in one Orleans <see cref="InProcessTestCluster"/> (in-memory transport and membership) over one store:
/// grains, grain timers and reminders run on <see cref="PaySimTestClusterOptions.TimeProvider"/>, membership and
/// messaging on real time, so moving a fake clock never slows the cluster itself.
/// </summary>
public sealed class PaySimTestCluster : IAsyncDisposable
{
    /// <summary>How long a client may take to reach a restarted cluster before a test fails.</summary>
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(30);

    private readonly MemoryStorageProvider? _sharedMemoryStore;

    private PaySimTestCluster(InProcessTestCluster cluster, MemoryStorageProvider? sharedMemoryStore)
    {
        Cluster = cluster;
        _sharedMemoryStore = sharedMemoryStore;
    }

    /// <summary>The Orleans test cluster itself: silos, kill, restart, the client.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The cluster's client.</summary>
    public IGrainFactory GrainFactory => Cluster.Client;

    /// <summary>The store as silo <paramref name="index"/> sees it (all silos share one database).</summary>
    public IStorageProvider Store(int index = 0) => SiloServices(index).GetRequiredService<IStorageProvider>();

    public IServiceProvider SiloServices(int index = 0) => Cluster.GetSiloServiceProvider(Cluster.Silos[index].SiloAddress);

    public static async Task<PaySimTestCluster> StartAsync(PaySimTestClusterOptions options)
    {
        var sharedMemoryStore = options.Storage is null ? new MemoryStorageProvider(options.TimeProvider) : null;
        var builder = new InProcessTestClusterBuilder(options.SiloCount);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings(options));
            host.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            var services = silo.Services;
            services.AddTestClock(options.TimeProvider);
            if (sharedMemoryStore is not null)
            {
                services.AddSingleton<IStorageProvider>(new SharedStore(sharedMemoryStore));
            }

            silo.AddPaySim(silo.Configuration);
            options.ConfigureServices?.Invoke(services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PaySimTestCluster(cluster, sharedMemoryStore);
    }

    /// <summary>Deactivates every grain of every silo, as an idle collection would, so the next calls reload from the store.</summary>
    public async Task DeactivateAllAsync()
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
    }

    /// <summary>
    /// Stops silo <paramref name="index"/> gracefully and starts a new one over the same store; returns once the client
    /// reaches the cluster again (its connection to the old silo is gone, and it reconnects in the background).
    /// </summary>
    public async Task RestartSiloAsync(int index = 0)
    {
        await Cluster.RestartSiloAsync(Cluster.Silos[index]);
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + ReconnectTimeout;
        while (true)
        {
            try
            {
                await management.GetHosts(onlyActive: true);
                return;
            }
            catch (Exception exception) when (exception is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException
                                              && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_sharedMemoryStore is not null)
        {
            await _sharedMemoryStore.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Settings(PaySimTestClusterOptions options)
    {
        var settings = new Dictionary<string, string?>(options.Settings);
        if (options.Storage is { } storage)
        {
            settings["PaySim:Storage:Provider"] = storage.Provider.ToString();
            settings["PaySim:Storage:ConnectionString"] = storage.ConnectionString;
            settings["PaySim:Storage:DataDirectory"] = storage.DataDirectory;
            settings["PaySim:Storage:GroupCommitBatchSizeMax"] = storage.GroupCommitBatchSizeMax.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["PaySim:Storage:DocumentStore"] = storage.DocumentStore.ToString();
        }
        else
        {
            settings["PaySim:Storage:Provider"] = nameof(StorageProviderKind.Memory);
        }

        return settings;
    }

    /// <summary>The cluster's one in-memory store, handed to each silo without letting a silo's shutdown dispose it.</summary>
    private sealed class SharedStore(MemoryStorageProvider store) : IStorageProvider
    {
        public IGrainStateStore GrainStateStore => store.GrainStateStore;

        public IReminderStore ReminderStore => store.ReminderStore;

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
