namespace PaySim.Silo.Storage;

/// <summary>
/// A read-only view of the whole store as of one moment: every scan sees the same committed writes and none committed
/// after the snapshot began, so rows read by different scans agree. Scans run one after another, each read to its end
/// before the next starts. Disposing ends the snapshot (and the transaction that holds it).
/// </summary>
public interface IStoreSnapshot : IAsyncDisposable
{
    /// <summary>Every state of one grain type and state name, by grain key.</summary>
    IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(string grainType, string stateName, CancellationToken cancellationToken);

    /// <summary>Every journal entry of one grain type, by grain key, then timestamp.</summary>
    IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(string grainType, CancellationToken cancellationToken);

    /// <summary>
    /// The states of one grain type and state name whose payload contains <paramref name="text"/> (case-sensitive),
    /// filtered by the store, so a scan for a rare marker does not ship every row.
    /// </summary>
    IAsyncEnumerable<StoredGrainState> ReadStatesContainingAsync(
        string grainType, string stateName, string text, CancellationToken cancellationToken);

    /// <summary>
    /// The documents that Orleans' stock ADO.NET grain storage keeps in this database (PostgreSQL's
    /// <c>OrleansStorage</c>, keyed by state name and grain key, every service id) whose payload contains
    /// <paramref name="text"/>, decoded as UTF-8. A store without that table has none.
    /// </summary>
    IAsyncEnumerable<StoredGrainState> ReadOrleansStorageStatesContainingAsync(
        string stateName, string text, CancellationToken cancellationToken);
}
