using System.Data.Common;
using Microsoft.Data.Sqlite;
using PaySim.Silo.Storage.Ado;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>SQLite has no time type: times are UTC ticks and periods ticks, exact and ordered as integers.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override object ToDbTime(DateTimeOffset time) => time.UtcTicks;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override object ToDbPeriod(TimeSpan period) => period.Ticks;

    public override TimeSpan ReadPeriod(DbDataReader reader, int ordinal) => TimeSpan.FromTicks(reader.GetInt64(ordinal));

    // BEGIN DEFERRED takes no lock until the first read, which then fixes the snapshot (in WAL mode) until the end; the
    // default BEGIN IMMEDIATE would take the write lock and stall every commit for the length of the scan.
    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override string Contains(string column, string parameter) => $"instr({column}, {parameter}) > 0";
}
