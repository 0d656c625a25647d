namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>The store-specific half of group commit: how a batch of writes becomes one transaction.</summary>
internal interface IBatchExecutor
{
    /// <summary>
    /// Executes every write of <paramref name="batch"/> in one transaction, sets each <see cref="PendingWrite.Version"/>
    /// from its own rows affected, and commits. Throws (having rolled back) if any statement fails.
    /// </summary>
    Task ExecuteInOneTransactionAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken);

    /// <summary>Whether a failure of one write alone means a refused write (a duplicate journal entry id), not a broken store.</summary>
    bool IsConflict(Exception exception);
}
