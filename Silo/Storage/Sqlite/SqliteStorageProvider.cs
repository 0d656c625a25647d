using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>
/// Grain state and reminders in one embedded SQLite file, for a single node. Every write goes through one writer
/// connection (SQLite admits one writer at a time anyway); reads use pooled connections, which WAL mode lets run
/// beside the writer.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider, IGroupCommitStatistics
{
    /// <summary>The store's file name inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "paysim.db";

    // WAL: readers never block the writer. synchronous=FULL: a commit returns only after the WAL is fsynced, so an
    // acknowledged write survives kill -9 and power loss (NORMAL would survive only the former).
    private const string DurabilityPragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

    private readonly string _connectionString;
    private readonly string? _directory;
    private readonly DbDataSource _dataSource;
    private readonly SqliteBatchExecutor _executor;
    private readonly GroupCommitWriter _writer;

    public SqliteStorageProvider(StorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ConnectionString))
        {
            _directory = Path.GetFullPath(options.DataDirectory);
            _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, FileName) }.ToString();
        }
        else
        {
            _connectionString = options.ConnectionString;
        }

        _dataSource = SqliteFactory.Instance.CreateDataSource(_connectionString);
        _executor = new SqliteBatchExecutor(OpenWriterConnectionAsync);
        _writer = new GroupCommitWriter(_executor, "Sqlite", options.GroupCommitBatchSizeMax, commitsInFlightMax: 1, loggerFactory.CreateLogger<SqliteStorageProvider>());
        GrainStateStore = new AdoGrainStateStore(_dataSource, SqliteDialect.Instance, _writer, timeProvider);
        ReminderStore = new AdoReminderStore(_dataSource, SqliteDialect.Instance, _writer);
    }

    public IGrainStateStore GrainStateStore { get; }

    public IReminderStore ReminderStore { get; }

    long IGroupCommitStatistics.CommitCount => _writer.CommitCount;

    long IGroupCommitStatistics.WriteCount => _writer.WriteCount;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_directory is not null)
        {
            Directory.CreateDirectory(_directory);
            KeepToOwner(Path.Combine(_directory, FileName));
        }

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock, so concurrent initializers queue.
        await using var connection = await OpenWriterConnectionAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.ApplyAsync(connection, SqliteSchema.Migrations, lockSql: null, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Queued writes finish (commit or fail) before the writer connection closes.
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _executor.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// The database holds password hashes and encrypted merchant secrets: readable by its owner only (0600), as the
    /// admin token and the key file are. Created so before SQLite first opens it; SQLite gives its -wal and -shm files
    /// the database file's mode. A file made by an older version is narrowed too.
    /// </summary>
    private static void KeepToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
        }
        else if ((File.GetUnixFileMode(path) & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ownerOnly);
        }
    }

    private async Task<SqliteConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = DurabilityPragmas;
        await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
