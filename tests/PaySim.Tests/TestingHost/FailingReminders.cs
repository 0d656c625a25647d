using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>Which reminder writes a <see cref="FailingReminders"/> store fails.</summary>
public enum ReminderFailure
{
    /// <summary>Registrations (upserts): a store outage, or a crash between a grain's state write and its reminder's, leaves a state without its reminder.</summary>
    Registration,

    /// <summary>Removals: a store outage right after a grain stored its outcome.</summary>
    Removal,
}

/// <summary>
/// An in-memory store whose reminder registrations or removals (<see cref="ReminderFailure"/>) fail while
/// <see cref="Failing"/> is set; every other read and write goes through. Counts the writes it failed, so a test can
/// tell it really ran the path it means to.
/// </summary>
public sealed class FailingReminders : IStorageProvider
{
    private readonly MemoryStorageProvider _store = new();
    private int _failedCount;
    private volatile bool _failing;

    /// <param name="failure">Which reminder writes fail.</param>
    /// <param name="asCancelled">
    /// Fail them with an <see cref="OperationCanceledException"/> (as a store being shut down may) instead of the
    /// store's own failure (<see cref="InjectedStoreFailure"/>, a <see cref="System.Data.Common.DbException"/>).
    /// </param>
    public FailingReminders(ReminderFailure failure, bool asCancelled = false)
    {
        Failure = failure;
        AsCancelled = asCancelled;
        ReminderStore = new Reminders(this, _store.ReminderStore);
    }

    public ReminderFailure Failure { get; }

    public bool AsCancelled { get; }

    /// <summary>While true, every reminder write of the <see cref="Failure"/> kind throws and changes nothing.</summary>
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

    /// <summary>Counts a failure when this write is to fail now.</summary>
    private bool Fails(ReminderFailure write)
    {
        if (!_failing || write != Failure)
        {
            return false;
        }

        Interlocked.Increment(ref _failedCount);
        return true;
    }

    private sealed class Reminders(FailingReminders owner, IReminderStore inner) : IReminderStore
    {
        public Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken) =>
            inner.ReadAsync(grainId, reminderName, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken) =>
            inner.ReadByGrainAsync(grainId, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken) =>
            inner.ReadByHashRangeAsync(beginExclusive, endInclusive, cancellationToken);

        public Task<IReadOnlyList<StoredReminder>> ReadByNameAsync(string reminderName, CancellationToken cancellationToken) =>
            inner.ReadByNameAsync(reminderName, cancellationToken);

        public Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken) =>
            owner.Fails(ReminderFailure.Registration)
                ? Task.FromException<string>(Failure($"registering reminder '{reminder.ReminderName}' of {reminder.GrainId}"))
                : inner.UpsertAsync(reminder, cancellationToken);

        public Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken) =>
            owner.Fails(ReminderFailure.Removal)
                ? Task.FromException<bool>(Failure($"removing reminder '{reminderName}' of {grainId}"))
                : inner.RemoveAsync(grainId, reminderName, etag, cancellationToken);

        private Exception Failure(string write) => owner.AsCancelled
            ? new OperationCanceledException($"Injected cancellation: {write}.")
            : new InjectedStoreFailure($"Injected failure: {write}.");
    }
}
