using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// An in-memory store whose reminder registrations (upserts) fail while <see cref="Failing"/> is set, as a store outage
/// or a crash between a grain's state write and its reminder's leaves a state without its reminder; every other read
/// and write goes through. Counts the registrations it failed, so a test can tell it really ran the path it means to.
/// </summary>
public sealed class FailingReminderRegistrations : IStorageProvider
{
    private readonly MemoryStorageProvider _store = new();
    private int _failedCount;
    private volatile bool _failing;

    public FailingReminderRegistrations() => ReminderStore = new Reminders(this, _store.ReminderStore);

    /// <summary>While true, every reminder registration throws and stores nothing.</summary>
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

    private sealed class Reminders(FailingReminderRegistrations owner, IReminderStore inner) : IReminderStore
    {
        public Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken) =>
            inner.ReadAsync(grainId, reminderName, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken) =>
            inner.ReadByGrainAsync(grainId, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken) =>
            inner.ReadByHashRangeAsync(beginExclusive, endInclusive, cancellationToken);

        public Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken)
        {
            if (!owner.Failing)
            {
                return inner.UpsertAsync(reminder, cancellationToken);
            }

            Interlocked.Increment(ref owner._failedCount);
            return Task.FromException<string>(new IOException($"Injected failure: registering reminder '{reminder.ReminderName}' of {reminder.GrainId}."));
        }

        public Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken) =>
            inner.RemoveAsync(grainId, reminderName, etag, cancellationToken);
    }
}
