using System.Data.Common;
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
}
