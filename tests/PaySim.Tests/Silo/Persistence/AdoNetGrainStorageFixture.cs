using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PaySim.Silo.Hosting;
using PaySim.Silo.Persistence;
using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' stock <see cref="AdoNetGrainStorage"/> on a fresh PostgreSQL database whose schema PaySim's store migrated
/// (migrations 5 and 6 hold its table and statements), configured as <c>AddPaySimStorage</c> configures it for
/// <c>PaySim:Storage:DocumentStore=AdoNet</c>, but built without a silo.
/// </summary>
public sealed class AdoNetGrainStorageFixture : IAsyncLifetime
{
    private const string ProviderName = "paysim";

    private readonly PostgreSqlStoreFixture _store = new();
    private AdoNetGrainStorage? _storage;

    public IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The storage is not initialized.");

    public string ConnectionString => _store.Options.ConnectionString!;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        var storage = new AdoNetGrainStorage(
            new NewActivatorProvider(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new AdoNetGrainStorageOptions
            {
                Invariant = PaySimSiloBuilderExtensions.NpgsqlInvariant,
                ConnectionString = ConnectionString,
                GrainStorageSerializer = new PaySim.Silo.Persistence.SystemTextJsonGrainStorageSerializer(),
            }),
            Options.Create(new ClusterOptions { ServiceId = $"paysim-contract-{Guid.NewGuid():N}" }),
            ProviderName);

        // The provider reads its statements from OrleansQuery in a silo lifecycle stage; run that stage here.
        var lifecycle = new StartOnlyLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        _storage = storage;
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    /// <summary>Creates states as Orleans' activator would for these plain types: with their parameterless constructor.</summary>
    private sealed class NewActivatorProvider : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => new NewActivator<T>();

        private sealed class NewActivator<T> : IActivator<T>
        {
            public T Create() => Activator.CreateInstance<T>();
        }
    }

    /// <summary>Collects the observers a provider subscribes and starts them in stage order.</summary>
    private sealed class StartOnlyLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; } = int.MinValue;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new NoSubscription();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(entry => entry.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
