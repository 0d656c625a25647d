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

    /// <summary>Begins a read-only transaction on <paramref name="connection"/> whose reads all see one snapshot.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>An SQL condition: text <paramref name="column"/> contains the text <paramref name="parameter"/>, case-sensitive.</summary>
    public abstract string Contains(string column, string parameter);

    /// <summary>
    /// Rows (grain key, payload text, version) of Orleans' stock grain storage table with state name <c>@state</c>
    /// whose payload contains <c>@text</c>; null when this store has no such table.
    /// </summary>
    public virtual string? OrleansStorageStatesContainingSql => null;
}
