using System.Data.Common;
using PaySim.Silo.Storage.Ado;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>timestamptz and interval columns (microsecond precision); Npgsql accepts only UTC offsets for timestamptz.</summary>
internal sealed class PostgreSqlDialect : StoreDialect
{
    public static readonly PostgreSqlDialect Instance = new();

    private PostgreSqlDialect()
    {
    }

    public override object ToDbTime(DateTimeOffset time) => time.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override object ToDbPeriod(TimeSpan period) => period;

    public override TimeSpan ReadPeriod(DbDataReader reader, int ordinal) => reader.GetFieldValue<TimeSpan>(ordinal);
}
