using System.Data.Common;

namespace PaySim.Silo.Storage.Ado;

/// <summary>
/// Brings a store's schema up to date inside one transaction, recording each applied step in
/// <c>schema_migrations</c>. A store-specific lock statement (PostgreSQL: an advisory lock) runs first, so
/// silos starting together apply each step once; the others wait, then find nothing left to do.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateHistorySql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL)";

    public static async Task ApplyAsync(
        DbConnection connection,
        IReadOnlyList<SchemaMigration> migrations,
        string? lockSql,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (lockSql is not null)
        {
            await ExecuteAsync(transaction, lockSql, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(transaction, CreateHistorySql, cancellationToken).ConfigureAwait(false);
        var appliedVersion = await ReadAppliedVersionAsync(transaction, cancellationToken).ConfigureAwait(false);
        foreach (var migration in migrations.Where(migration => migration.Version > appliedVersion).OrderBy(migration => migration.Version))
        {
            await ExecuteAsync(transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = Command(transaction, "INSERT INTO schema_migrations (version, description) VALUES (@version, @description)")
                .WithParameter("@version", migration.Version)
                .WithParameter("@description", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadAppliedVersionAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
