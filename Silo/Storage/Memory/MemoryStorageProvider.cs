namespace PaySim.Silo.Storage.Memory;

/// <summary>
/// A store that lives in this process only: nothing survives a restart of the process. For runtime tests and for
/// measuring the runtime without a database; several in-process silos may share one instance.
/// </summary>
public sealed class MemoryStorageProvider(TimeProvider? timeProvider = null) : IStorageProvider
{
    public IGrainStateStore GrainStateStore { get; } = new MemoryGrainStateStore(timeProvider ?? TimeProvider.System);

    public IReminderStore ReminderStore { get; } = new MemoryReminderStore();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
