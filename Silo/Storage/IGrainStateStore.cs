using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage;

/// <summary>
/// Durable grain state with optimistic concurrency. Implementations batch concurrent writes into shared commits
/// (group commit) and complete a write's task only after its commit.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Reads the row of one state, or null when none was ever written.</summary>
    Task<GrainStateRecord?> ReadStateAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="payload"/> if the stored version still equals <paramref name="expectedEtag"/>
    /// (null: no row may exist yet) and appends <paramref name="journalEntries"/> in the same commit.
    /// Returns the new ETag. Throws <see cref="Orleans.Storage.InconsistentStateException"/> on a version mismatch or a journal
    /// entry id that the grain already has; then nothing of the write is stored. <paramref name="cancellationToken"/>
    /// only stops the wait for a place in the commit queue: once queued, a write may commit, so it is always awaited.
    /// </summary>
    Task<string> WriteStateAsync(
        StoredGrainId grainId,
        string stateName,
        string payload,
        string? expectedEtag,
        IReadOnlyList<JournalEntry> journalEntries,
        CancellationToken cancellationToken) =>
        WriteStateAsync(grainId, stateName, payload, expectedEtag, journalEntries, movementInFlight: false, cancellationToken);

    /// <summary>
    /// As the write above; <paramref name="movementInFlight"/> marks the row as holding a money movement in flight
    /// (<see cref="IMovementMarkedState"/>) from this write on, or clears the mark. A row keeps the time it was first
    /// marked until the mark is cleared; <see cref="ReadMovementsInFlightAsync"/> lists marked rows by it.
    /// </summary>
    Task<string> WriteStateAsync(
        StoredGrainId grainId,
        string stateName,
        string payload,
        string? expectedEtag,
        IReadOnlyList<JournalEntry> journalEntries,
        bool movementInFlight,
        CancellationToken cancellationToken);

    /// <summary>
    /// The grains with a state row marked as holding a movement in flight, all of them, or (with
    /// <paramref name="markedBy"/>) those marked at or before that time. An index keeps this cheap however many rows
    /// the store holds: only marked rows are in it.
    /// </summary>
    Task<IReadOnlyList<StoredGrainId>> ReadMovementsInFlightAsync(DateTimeOffset? markedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Every state row marked as holding a movement in flight, with its payload, read through the same index as
    /// <see cref="ReadMovementsInFlightAsync"/>: for gauges that sum what is in flight without reading every row the
    /// store holds (a row per transfer ever made).
    /// </summary>
    Task<IReadOnlyList<StoredMarkedState>> ReadStatesInFlightAsync(CancellationToken cancellationToken);

    /// <summary>Clears the payload under the same ETag check, keeping the row so its version keeps advancing. Returns the new ETag.</summary>
    Task<string> ClearStateAsync(StoredGrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Reads one journal entry of a grain by id, or null.</summary>
    Task<JournalEntry?> ReadJournalEntryAsync(StoredGrainId grainId, string entryId, CancellationToken cancellationToken);

    /// <summary>Streams every stored state of one grain type and state name (for reconciliation and recovery scans).</summary>
    IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(string grainType, string stateName, CancellationToken cancellationToken);

    /// <summary>Streams every journal entry of one grain type, ordered by grain key then timestamp.</summary>
    IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(string grainType, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a read-only snapshot of the whole store (PostgreSQL: a REPEATABLE READ READ ONLY transaction; SQLite: a
    /// read transaction), for scans that must agree with each other, e.g. reconciliation's. Dispose it promptly: on
    /// SQLite an open snapshot keeps the write-ahead log from being checkpointed past it.
    /// </summary>
    Task<IStoreSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);
}

/// <summary>A stored state row; <see cref="Payload"/> is null when the state was cleared.</summary>
public sealed record GrainStateRecord(string? Payload, string Etag);

/// <summary>One state row of a scan.</summary>
public sealed record StoredGrainState(string GrainKey, GrainStateRecord Record);

/// <summary>A state row marked as holding a movement in flight (<see cref="IGrainStateStore.ReadStatesInFlightAsync"/>).</summary>
public sealed record StoredMarkedState(StoredGrainId GrainId, string StateName, string? Payload);

/// <summary>One journal entry of a scan.</summary>
public sealed record StoredJournalEntry(string GrainKey, JournalEntry Entry);
