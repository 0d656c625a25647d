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

    /// <summary>PaySim's own tables, then the OrleansQuery schema of Orleans' ADO.NET clustering and grain storage.</summary>
    internal static readonly IReadOnlyList<SchemaMigration> Migrations = [.. PostgreSqlSchema.Migrations, .. OrleansAdoNetSchema.Migrations];

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _keyedDataSource;
    private readonly GroupCommitWriter _writer;
    private readonly GroupStateReader _reader;

    public PostgreSqlStorageProvider(StorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ConnectionString);
        _dataSource = BuildDataSource(options.ConnectionString, keyedOnly: false);
        _keyedDataSource = BuildDataSource(options.ConnectionString, keyedOnly: true);
        _writer = new GroupCommitWriter(
            new PostgreSqlBatchExecutor(_keyedDataSource),
            "PostgreSql",
            options.GroupCommitBatchSizeMax,
            options.GroupCommitsInFlightMax,
            loggerFactory.CreateLogger<PostgreSqlStorageProvider>());
        _reader = new GroupStateReader(
            new PostgreSqlStateBatchReader(_keyedDataSource), options.GroupCommitBatchSizeMax, options.GroupCommitsInFlightMax);
        GrainStateStore = new AdoGrainStateStore(_dataSource, PostgreSqlDialect.Instance, _writer, timeProvider, _reader, _keyedDataSource);
        ReminderStore = new AdoReminderStore(_dataSource, PostgreSqlDialect.Instance, _writer);
    }

    public IGrainStateStore GrainStateStore { get; }

    public IReminderStore ReminderStore { get; }

    /// <summary>The connections of the group commit and the grouped state reads, whose statements find rows by key only.</summary>
    internal NpgsqlDataSource KeyedDataSource => _keyedDataSource;

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
        await _keyedDataSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A pool of connections. <paramref name="keyedOnly"/>: for statements that join a batch of keys to a table's
    /// primary key and nothing else (the group commit, the grouped state reads), and recovery's listing of the rows
    /// marked as holding a movement in flight, which reads the partial index that holds only those.
    /// </summary>
    private static NpgsqlDataSource BuildDataSource(string connectionString, bool keyedOnly)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The layer's statements are few and repeat in every batch: prepared once per connection, they skip
            // parsing and planning, which otherwise dominates the server's time per group commit.
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatementsMax;
        }

        if (keyedOnly)
        {
            // After five executions PostgreSQL plans a prepared statement once for all (a generic plan) if that plan
            // looks no dearer, and in a new database it looked cheapest to join a batch to grain_state or reminders by
            // scanning the near-empty table whole. The plan stayed while the tables grew by rows every movement, until
            // an ANALYZE a benchmark never reaches: at every commit a scan of every stored state. Where every row is
            // found by its key a sequential scan is never right; planning each execution instead also avoided it, at
            // the cost of a planning per commit that slowed transfers among 1,000 accounts by a sixth.
            var options = builder.ConnectionStringBuilder.Options ?? "";
            builder.ConnectionStringBuilder.Options = $"{options} -c enable_seqscan=off".TrimStart();
        }

        // Nothing of this layer leaves state in a session (no SET, temporary table, LISTEN or session-level lock), so a
        // connection going back to the pool needs no reset, which Npgsql otherwise sends as seven statements ahead of
        // the connection's next command.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
