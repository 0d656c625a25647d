using System.Data.Common;

namespace PaySim.Silo.Storage.Ado;

/// <summary>
/// How one store represents times and periods; the SQL of reads is otherwise the same for both stores.
/// PostgreSQL has native types; SQLite has none, so it stores UTC ticks (exact and ordered as integers).
/// </summary>
internal abstract class StoreDialect
{
    public abstract object ToDbTime(DateTimeOffset time);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public abstract object ToDbPeriod(TimeSpan period);

    public abstract TimeSpan ReadPeriod(DbDataReader reader, int ordinal);
}
