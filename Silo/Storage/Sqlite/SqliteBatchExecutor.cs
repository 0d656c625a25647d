using Microsoft.Data.Sqlite;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>
/// Runs a group commit as one SQLite transaction on the store's single writer connection. SQLite has no
/// data-modifying CTE, so a write's journal rows are inserted in code, only after its state statement hit its row.
/// </summary>
internal sealed class SqliteBatchExecutor(Func<CancellationToken, Task<SqliteConnection>> openWriterConnection) : IBatchExecutor, IAsyncDisposable
{
    // SQLITE_CONSTRAINT_PRIMARYKEY: a journal entry id the grain already has (state rows use ON CONFLICT DO NOTHING).
    private const int PrimaryKeyViolation = 1555;

    private SqliteConnection? _connection;
    private SqliteStatements? _statements;

    public async Task ExecuteInOneTransactionAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        // Only the writer loop calls this, one batch at a time, so the connection needs no lock.
        if (_connection is null)
        {
            _connection = await openWriterConnection(cancellationToken).ConfigureAwait(false);
            _statements = new SqliteStatements(_connection);
        }

        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var pending in batch)
        {
            pending.Version = await ExecuteAsync(_statements!, transaction, pending.Write, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public bool IsConflict(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation };

    public async ValueTask DisposeAsync()
    {
        _statements?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<long?> ExecuteAsync(
        SqliteStatements statements, SqliteTransaction transaction, StorageWrite write, CancellationToken cancellationToken)
    {
        var command = statements.For(transaction, write);
        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        if (version is not null && write is StateWrite { JournalEntries.Count: > 0 } state)
        {
            foreach (var entry in state.JournalEntries)
            {
                await statements.ForJournalEntry(transaction, state.GrainId, entry).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return version;
    }
}
