using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// An in-memory store whose reminder removals fail while <see cref="Failing"/> is set, as a store outage right after a
/// grain stored its outcome would make them fail; every other read and write goes through. Counts the removals it
/// failed, so a test can tell it really ran the path it means to.
/// </summary>
public sealed class FailingReminderRemovals : IStorageProvider
{
    private readonly MemoryStorageProvider _store = new();
    private int _failedCount;
    private volatile bool _failing;

    public FailingReminderRemovals() => ReminderStore = new Reminders(this, _store.ReminderStore);

    /// <summary>While true, every reminder removal throws and removes nothing.</summary>
    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int FailedCount => Volatile.Read(ref _failedCount);

    public IGrainStateStore GrainStateStore => _store.GrainStateStore;

    public IReminderStore ReminderStore { get; }

    /// <summary>Makes this the store of every silo of a <see cref="PaySimTestCluster"/> (for <see cref="PaySimTestClusterOptions.ConfigureServices"/>).</summary>
    public void Install(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IStorageProvider>(this));

    public Task InitializeAsync(CancellationToken cancellationToken) => _store.InitializeAsync(cancellationToken);

    /// <summary>Shared by the cluster's silos, so a silo's shutdown must not end it; there is nothing to release anyway.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Reminders(FailingReminderRemovals owner, IReminderStore inner) : IReminderStore
    {
        public Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken) =>
            inner.ReadAsync(grainId, reminderName, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken) =>
            inner.ReadByGrainAsync(grainId, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken) =>
            inner.ReadByHashRangeAsync(beginExclusive, endInclusive, cancellationToken);

        public Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken) => inner.UpsertAsync(reminder, cancellationToken);

        public Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken)
        {
            if (!owner.Failing)
            {
                return inner.RemoveAsync(grainId, reminderName, etag, cancellationToken);
            }

            Interlocked.Increment(ref owner._failedCount);
            return Task.FromException<bool>(new IOException($"Injected failure: removing reminder '{reminderName}' of {grainId}."));
        }
    }
}
