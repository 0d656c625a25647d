using System.Data.Common;
using System.Runtime.CompilerServices;

namespace PaySim.Silo.Storage.Ado;

/// <summary>
/// A snapshot of either database: one connection holding one read-only transaction (see
/// <see cref="StoreDialect.BeginSnapshotAsync"/>), on which every scan runs in turn.
/// </summary>
internal sealed class AdoStoreSnapshot : IStoreSnapshot
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly StoreDialect _dialect;

    private AdoStoreSnapshot(DbConnection connection, DbTransaction transaction, StoreDialect dialect) =>
        (_connection, _transaction, _dialect) = (connection, transaction, dialect);

    public static async Task<IStoreSnapshot> OpenAsync(DbDataSource dataSource, StoreDialect dialect, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new AdoStoreSnapshot(connection, await dialect.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false), dialect);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        ReadStatesAsync(
            "SELECT grain_id, payload, version FROM grain_state WHERE grain_type = @type AND state_name = @state ORDER BY grain_id",
            command => command.WithParameter("@type", grainType).WithParameter("@state", stateName),
            cancellationToken);

    public IAsyncEnumerable<StoredGrainState> ReadStatesContainingAsync(
        string grainType, string stateName, string text, CancellationToken cancellationToken) =>
        ReadStatesAsync(
            $"""
            SELECT grain_id, payload, version FROM grain_state
            WHERE grain_type = @type AND state_name = @state AND {_dialect.Contains("payload", "@text")}
            ORDER BY grain_id
            """,
            command => command.WithParameter("@type", grainType).WithParameter("@state", stateName).WithParameter("@text", text),
            cancellationToken);

    public IAsyncEnumerable<StoredGrainState> ReadOrleansStorageStatesContainingAsync(
        string stateName, string text, CancellationToken cancellationToken) =>
        _dialect.OrleansStorageStatesContainingSql is { } sql
            ? ReadStatesAsync(sql, command => command.WithParameter("@state", stateName).WithParameter("@text", text), cancellationToken)
            : AsyncEnumerable.Empty<StoredGrainState>();

    public async IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(
        string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT grain_id, entry_id, payload, created_at FROM grain_journal WHERE grain_type = @type ORDER BY grain_id, created_at, entry_id")
            .WithParameter("@type", grainType);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new Grains.Persistence.JournalEntry(reader.GetString(1), reader.GetString(2), _dialect.ReadTime(reader, 3));
            yield return new StoredJournalEntry(reader.GetString(0), entry);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing was written: ending the transaction without a commit releases its snapshot.
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Streams rows of (grain key, payload or null, version).</summary>
    private async IAsyncEnumerable<StoredGrainState> ReadStatesAsync(
        string sql, Action<DbCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var payload = reader.IsDBNull(1) ? null : reader.GetString(1);
            yield return new StoredGrainState(reader.GetString(0), new GrainStateRecord(payload, StorageEtag.Format(reader.GetInt64(2))));
        }
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
