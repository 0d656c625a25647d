namespace PaySim.Grains.Persistence;

/// <summary>
/// A grain's state together with its append-only journal, injected through the constructor with
/// <see cref="JournaledStateAttribute"/> as Orleans injects <c>IPersistentState&lt;T&gt;</c>. It is read before
/// <c>OnActivateAsync</c>. Every write is checked against <see cref="Etag"/>: a write from a stale copy throws
/// Orleans' <c>InconsistentStateException</c> and never overwrites a newer row.
/// </summary>
public interface IJournaledState<TState> where TState : class, new()
{
    /// <summary>The in-memory copy of the state; reads of an active grain come from here.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored row this copy was read from or last wrote; null if there is no row yet.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored row holds state (false before the first write).</summary>
    bool RecordExists { get; }

    /// <summary>
    /// Writes the state and appends <paramref name="journalEntries"/> to the grain's journal in one atomic commit:
    /// either both are stored or neither is. Entry ids are unique per grain; completes only once committed.
    /// </summary>
    Task WriteStateAsync(IReadOnlyList<JournalEntry> journalEntries);

    /// <summary>Reads one entry of this grain's journal by id, or null; used to recognise retried operations.</summary>
    Task<JournalEntry?> ReadJournalEntryAsync(string entryId);
}
