using System.Data;
using System.Data.Common;
using Npgsql;
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

    // The document table of Orleans' stock ADO.NET storage (migration 6): keyed by state name (GrainTypeString) and
    // string grain key (GrainIdExtensionString); the payload is the UTF-8 JSON of SystemTextJsonGrainStorageSerializer.
    public override string OrleansStorageStatesContainingSql => """
        SELECT COALESCE(GrainIdExtensionString, ''), convert_from(PayloadBinary, 'UTF8'), Version
        FROM OrleansStorage
        WHERE GrainTypeString = @state AND position(convert_to(@text, 'UTF8') IN PayloadBinary) > 0
        ORDER BY 1
        """;

    // REPEATABLE READ: every statement of the transaction sees the snapshot its first statement took. READ ONLY is set
    // before any statement runs, as PostgreSQL requires.
    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var transaction = await npgsql.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", npgsql, transaction);
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override string Contains(string column, string parameter) => $"strpos({column}, {parameter}) > 0";
}
