using Npgsql;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>
/// Sends a whole group commit as one <see cref="NpgsqlBatch"/> of a few multi-row statements
/// (<see cref="PostgreSqlStatements"/>) without an explicit transaction: Npgsql ends the batch with a single Sync, so
/// PostgreSQL runs it as one implicit transaction, rolls all of it back on any error, and commits (flushing the WAL,
/// with synchronous_commit on) before it answers. One round trip per group commit.
/// </summary>
internal sealed class PostgreSqlBatchExecutor(NpgsqlDataSource dataSource) : IBatchExecutor
{
    public async Task ExecuteInOneTransactionAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        foreach (var command in PostgreSqlStatements.For(batch))
        {
            npgsqlBatch.BatchCommands.Add(command);
        }

        // A write absent from every statement's answer matched nothing (a conflict).
        foreach (var pending in batch)
        {
            pending.Version = null;
        }

        await using var reader = await npgsqlBatch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                batch[reader.GetInt32(0)].Version = reader.GetInt64(1);
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        // Reading past the last result waited for the server's ReadyForQuery, which follows the commit: an error in
        // the commit itself surfaced there, before any caller is told its write is durable.
    }

    public bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
