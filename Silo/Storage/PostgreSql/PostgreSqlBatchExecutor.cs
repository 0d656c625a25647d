using Npgsql;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>
/// Sends a whole group commit as one <see cref="NpgsqlBatch"/> without an explicit transaction: Npgsql ends the
/// batch with a single Sync, so PostgreSQL runs it as one implicit transaction, rolls all of it back on any error,
/// and commits (flushing the WAL, with synchronous_commit on) before it answers. One round trip per group commit.
/// </summary>
internal sealed class PostgreSqlBatchExecutor(NpgsqlDataSource dataSource) : IBatchExecutor
{
    public async Task ExecuteInOneTransactionAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        foreach (var pending in batch)
        {
            npgsqlBatch.BatchCommands.Add(PostgreSqlStatements.For(pending.Write));
        }

        await using var reader = await npgsqlBatch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var pending in batch)
        {
            // Every statement returns its row's new version, or no row when it matched nothing (a conflict).
            pending.Version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null;
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        // Reading past the last result waits for the server's ReadyForQuery, which follows the commit: an error in
        // the commit itself surfaces here, before any caller is told its write is durable.
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }
    }

    public bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
