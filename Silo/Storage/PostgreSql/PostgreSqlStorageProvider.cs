using Microsoft.Extensions.Logging;
using Npgsql;
using PaySim.Silo.AdoNet;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>Grain state and reminders in a PostgreSQL database shared by every silo.</summary>
public sealed class PostgreSqlStorageProvider : IStorageProvider, IGroupCommitStatistics
{
    // Room for every statement of this layer (about a dozen) per connection.
    private const int AutoPreparedStatementsMax = 32;

    private const string PlanCacheModeSetting = "plan_cache_mode";

    /// <summary>PaySim's own tables, then the OrleansQuery schema of Orleans' ADO.NET clustering and grain storage.</summary>
    internal static readonly IReadOnlyList<SchemaMigration> Migrations = [.. PostgreSqlSchema.Migrations, .. OrleansAdoNetSchema.Migrations];

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter _writer;
    private readonly GroupStateReader _reader;

    public PostgreSqlStorageProvider(StorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ConnectionString);
        _dataSource = BuildDataSource(options.ConnectionString);
        _writer = new GroupCommitWriter(
            new PostgreSqlBatchExecutor(_dataSource),
            "PostgreSql",
            options.GroupCommitBatchSizeMax,
            options.GroupCommitsInFlightMax,
            loggerFactory.CreateLogger<PostgreSqlStorageProvider>());
        _reader = new GroupStateReader(
            new PostgreSqlStateBatchReader(_dataSource), options.GroupCommitBatchSizeMax, options.GroupCommitsInFlightMax);
        GrainStateStore = new AdoGrainStateStore(_dataSource, PostgreSqlDialect.Instance, _writer, timeProvider, _reader);
        ReminderStore = new AdoReminderStore(_dataSource, PostgreSqlDialect.Instance, _writer);
    }

    public IGrainStateStore GrainStateStore { get; }

    public IReminderStore ReminderStore { get; }

    /// <summary>The connections this store's statements run on.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The grouped state reader, whose counts show how many reads each query served.</summary>
    internal GroupStateReader StateReader => _reader;

    long IGroupCommitStatistics.CommitCount => _writer.CommitCount;

    long IGroupCommitStatistics.WriteCount => _writer.WriteCount;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.ApplyAsync(connection, Migrations, PostgreSqlSchema.LockSql, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Queued writes finish (commit or fail) before the connections they need are closed.
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The layer's statements are few and repeat in every batch: prepared once per connection, they skip
            // parsing and planning, which otherwise dominates the server's time per group commit.
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatementsMax;
        }

        // A prepared statement is planned once for all executions (a generic plan) as soon as that plan looks no
        // dearer than planning each time, which it does while the tables are small: in a new database the group
        // commit's generic plan joined its rows to grain_state and reminders by a sequential scan, and kept doing so
        // while the tables grew by rows every movement, until an ANALYZE. Planned per execution, each statement sees
        // the batch's size and the table's and takes the primary key. A setting the connection string makes wins.
        var options = builder.ConnectionStringBuilder.Options ?? "";
        if (!options.Contains(PlanCacheModeSetting, StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.Options = $"{options} -c {PlanCacheModeSetting}=force_custom_plan".TrimStart();
        }

        // Nothing of this layer leaves state in a session (no SET, temporary table, LISTEN or session-level lock), so a
        // connection going back to the pool needs no reset, which Npgsql otherwise sends as seven statements ahead of
        // the connection's next command, a group commit's.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
