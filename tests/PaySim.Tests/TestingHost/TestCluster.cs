using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaySim.Runtime;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// N silos in this process over one store, like Orleans' TestCluster: start them, call grains through any silo,
/// stop or restart one. Silos do not route calls to each other; each activates grains locally.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly MemoryStorageProvider? _sharedMemoryStore;
    private readonly List<TestSilo?> _silos = [];

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        _sharedMemoryStore = options.Storage is null ? new MemoryStorageProvider() : null;
    }

    public IReadOnlyList<TestSilo> Silos => _silos.Select((silo, index) => silo ?? throw new InvalidOperationException($"Silo {index} is stopped.")).ToList();

    /// <summary>The grain factory of the first silo.</summary>
    public IGrainFactory GrainFactory => Silos[0].GrainFactory;

    public static async Task<TestCluster> StartAsync(TestClusterOptions options)
    {
        var cluster = new TestCluster(options);
        for (var index = 0; index < options.SiloCount; index++)
        {
            cluster._silos.Add(await cluster.StartSiloAsync());
        }

        return cluster;
    }

    /// <summary>Stops silo <paramref name="index"/> gracefully: its activations deactivate.</summary>
    public async Task StopSiloAsync(int index)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is already stopped.");
        _silos[index] = null;
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>Stops silo <paramref name="index"/> and starts a fresh one in its place over the same store.</summary>
    public async Task RestartSiloAsync(int index)
    {
        if (_silos[index] is not null)
        {
            await StopSiloAsync(index);
        }

        _silos[index] = await StartSiloAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var index = 0; index < _silos.Count; index++)
        {
            if (_silos[index] is not null)
            {
                await StopSiloAsync(index);
            }
        }
    }

    private async Task<TestSilo> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_options.TimeProvider);
        if (_sharedMemoryStore is not null)
        {
            builder.Services.AddSingleton<IStorageProvider>(_sharedMemoryStore);
        }

        builder.Services.AddPaySimSilo(builder.Configuration.GetSection("PaySim"), [.. _options.GrainAssemblies]);
        if (_options.Storage is { } storage)
        {
            builder.Services.Configure<StorageOptions>(target =>
            {
                target.Provider = storage.Provider;
                target.ConnectionString = storage.ConnectionString;
                target.DataDirectory = storage.DataDirectory;
                target.GroupCommitBatchSizeMax = storage.GroupCommitBatchSizeMax;
            });
        }

        if (_options.ConfigureSilo is { } configureSilo)
        {
            builder.Services.Configure(configureSilo);
        }

        _options.ConfigureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }
}
