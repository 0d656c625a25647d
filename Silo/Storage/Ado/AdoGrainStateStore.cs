using System.Data.Common;
using System.Runtime.CompilerServices;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Ado;

/// <summary>
/// Grain state over either store: writes go through the store's group-commit writer; state reads through its
/// grouped reader where it has one (PostgreSQL), otherwise straight to the database. The ETag is the row's version;
/// a statement that matched no row is a conflict. <paramref name="indexedDataSource"/>, where given, runs the listings
/// of marked rows: connections on which the planner never scans a table whole (PostgreSQL's keyed pool), so the
/// listing keeps to its partial index even under a plan made while the table was near-empty.
/// </summary>
internal sealed class AdoGrainStateStore(
    DbDataSource dataSource,
    StoreDialect dialect,
    GroupCommitWriter writer,
    TimeProvider timeProvider,
    GroupStateReader? groupReader = null,
    DbDataSource? indexedDataSource = null) : IGrainStateStore
{
    /// <summary>
    /// A key the store cannot hold (<see cref="StorableKeys"/>) fails its own read at once: in a grouped read it would
    /// fail the query of every read sharing it, and both stores answer it alike.
    /// </summary>
    public Task<GrainStateRecord?> ReadStateAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken) =>
        StorableKeys.Problem(grainId, stateName) is { } problem ? Task.FromException<GrainStateRecord?>(new ArgumentException(problem, nameof(grainId)))
        : groupReader is null ? ReadStateAloneAsync(grainId, stateName, cancellationToken)
        : groupReader.ReadAsync(grainId, stateName, cancellationToken);

    private async Task<GrainStateRecord?> ReadStateAloneAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, grainId.Type,
            "SELECT payload, version FROM grain_state WHERE grain_type = @type AND grain_id = @id AND state_name = @state")
            .WithParameter("@id", grainId.Key)
            .WithParameter("@state", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader, 0) : null;
    }

    public Task<string> WriteStateAsync(
        StoredGrainId grainId,
        string stateName,
        string payload,
        string? expectedEtag,
        IReadOnlyList<JournalEntry> journalEntries,
        bool movementInFlight,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(journalEntries);
        return WriteAsync(grainId, stateName, payload, expectedEtag, journalEntries, movementInFlight, cancellationToken);
    }

    public Task<string> ClearStateAsync(StoredGrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
        WriteAsync(grainId, stateName, payload: null, expectedEtag, [], movementInFlight: false, cancellationToken);

    public async Task<IReadOnlyList<StoredGrainId>> ReadMovementsInFlightAsync(DateTimeOffset? markedBy, CancellationToken cancellationToken)
    {
        await using var connection = await (indexedDataSource ?? dataSource).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = markedBy is null
            ? "SELECT DISTINCT grain_type, grain_id FROM grain_state WHERE in_flight_since IS NOT NULL"
            : "SELECT DISTINCT grain_type, grain_id FROM grain_state WHERE in_flight_since IS NOT NULL AND in_flight_since <= @markedBy";
        if (markedBy is { } time)
        {
            command.WithParameter("@markedBy", dialect.ToDbTime(time));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var grains = new List<StoredGrainId>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grains.Add(new StoredGrainId(reader.GetString(0), reader.GetString(1)));
        }

        return grains;
    }

    public async Task<IReadOnlyList<StoredMarkedState>> ReadStatesInFlightAsync(CancellationToken cancellationToken)
    {
        await using var connection = await (indexedDataSource ?? dataSource).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type, grain_id, state_name, payload FROM grain_state WHERE in_flight_since IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new List<StoredMarkedState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states.Add(new StoredMarkedState(new StoredGrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(3)));
        }

        return states;
    }

    public async Task<JournalEntry?> ReadJournalEntryAsync(StoredGrainId grainId, string entryId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, grainId.Type,
            "SELECT payload, created_at FROM grain_journal WHERE grain_type = @type AND grain_id = @id AND entry_id = @entry")
            .WithParameter("@id", grainId.Key)
            .WithParameter("@entry", entryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JournalEntry(entryId, reader.GetString(0), dialect.ReadTime(reader, 1))
            : null;
    }

    // A lone scan is a snapshot of its own: one statement in a read-only transaction.
    public async IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(
        string grainType, string stateName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var snapshot = await OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var state in snapshot.ReadAllStatesAsync(grainType, stateName, cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    public async IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(
        string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var snapshot = await OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entry in snapshot.ReadAllJournalEntriesAsync(grainType, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public Task<IStoreSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
        AdoStoreSnapshot.OpenAsync(dataSource, dialect, cancellationToken);

    private async Task<string> WriteAsync(
        StoredGrainId grainId,
        string stateName,
        string? payload,
        string? expectedEtag,
        IReadOnlyList<JournalEntry> journalEntries,
        bool movementInFlight,
        CancellationToken cancellationToken)
    {
        long? expectedVersion = null;
        if (expectedEtag is not null)
        {
            // An ETag this layer never issued can match no stored version: a conflict, decided without a round trip.
            expectedVersion = StorageEtag.TryParse(expectedEtag, out var version)
                ? version
                : throw StateConflicts.Stale(grainId, stateName, expectedEtag);
        }

        var write = new StateWrite(grainId, stateName, payload, expectedVersion, journalEntries, timeProvider.GetUtcNow(), movementInFlight);
        var newVersion = await writer.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        return newVersion is { } committed
            ? StorageEtag.Format(committed)
            : throw StateConflicts.Stale(grainId, stateName, expectedEtag);
    }

    private static GrainStateRecord ReadRecord(DbDataReader reader, int ordinal) =>
        new(reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal), StorageEtag.Format(reader.GetInt64(ordinal + 1)));

    private static DbCommand Command(DbConnection connection, string grainType, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.WithParameter("@type", grainType);
    }
}
