namespace PaySim.Runtime;

/// <summary>
/// A grain's persistent state, injected through its constructor (see <see cref="PersistentStateAttribute"/>).
/// The runtime reads it before <c>OnActivateAsync</c>. Every write is checked against <see cref="Etag"/>:
/// a write from a stale copy throws <see cref="InconsistentStateException"/> and never overwrites a newer row.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The in-memory copy of the state; reads of an active grain come from here.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored row this copy was read from or last wrote; null if there is no row yet.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored row holds state (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, dropping the in-memory copy.</summary>
    Task ReadStateAsync();

    /// <summary>Writes the state; completes only once the write is committed.</summary>
    Task WriteStateAsync();

    /// <summary>
    /// Writes the state and appends <paramref name="journalEntries"/> to the grain's journal in one atomic commit:
    /// either both are stored or neither is. Entry ids are unique per grain.
    /// </summary>
    Task WriteStateAsync(IReadOnlyList<JournalEntry> journalEntries);

    /// <summary>Clears the stored state (the row's version still advances, so stale writers keep failing).</summary>
    Task ClearStateAsync();

    /// <summary>Reads one entry of this grain's journal by id, or null; used to recognise retried operations.</summary>
    Task<JournalEntry?> ReadJournalEntryAsync(string entryId);
}
