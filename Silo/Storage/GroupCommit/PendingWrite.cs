namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>
/// A write waiting in the group-commit queue. The batch executor records the statement's outcome in
/// <see cref="Version"/>; the writer completes the caller's task only after the batch has committed.
/// </summary>
internal sealed class PendingWrite(StorageWrite write)
{
    // Continuations run on the thread pool: a caller's code must never run on (and stall) the writer loop.
    private readonly TaskCompletionSource<long?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StorageWrite Write { get; } = write;

    /// <summary>
    /// The row's version after the statement, or null when it touched no row (an ETag conflict, a missing
    /// reminder). Only meaningful once the transaction that produced it has committed.
    /// </summary>
    public long? Version { get; set; }

    /// <summary>Completes when the write is committed (its version), refused (null) or failed (an exception).</summary>
    public Task<long?> Completion => _completion.Task;

    public void Commit() => _completion.TrySetResult(Version);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
