using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Transfers;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.PostgreSql;
using PaySim.Silo.Storage.Sqlite;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Storage;

/// <summary>
/// A store written before states were marked for their movements in flight: upgraded, the rows it holds in flight are
/// marked, so that what reads the marks alone (the money-in-flight gauges) finds them, and nothing else is marked.
/// </summary>
public sealed class InFlightMarkMigrationTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostgreSql_StoreFromBeforeTheMark_IsUpgradedWithItsMovementsInFlightMarked()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await SchemaMigrator.ApplyAsync(connection, [.. PostgreSqlStorageProvider.Migrations.Where(m => m.Version < 8)], PostgreSqlSchema.LockSql, CancellationToken.None);
            await InsertRowsFromBeforeTheMarkAsync(connection, StoredAt);
        }

        await AssertUpgradedAsync(new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString });
    }

    [Fact]
    public async Task Sqlite_StoreFromBeforeTheMark_IsUpgradedWithItsMovementsInFlightMarked()
    {
        await using var folder = SqliteTestFolder.Create();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, SqliteStorageProvider.FileName) }.ToString()))
        {
            await connection.OpenAsync();
            await SchemaMigrator.ApplyAsync(connection, [.. SqliteSchema.Migrations.Where(m => m.Version < 6)], lockSql: null, CancellationToken.None);
            await InsertRowsFromBeforeTheMarkAsync(connection, StoredAt.UtcTicks);
        }

        await AssertUpgradedAsync(folder.Options);
    }

    /// <summary>
    /// A transfer and a trade in flight, a transfer finished, an account, and a transfer that is marked already (written
    /// after the mark came in), all as the grains' own documents.
    /// </summary>
    private static async Task InsertRowsFromBeforeTheMarkAsync(DbConnection connection, object modifiedAt)
    {
        (string Type, string Key, string State, string Payload, bool Marked)[] rows =
        [
            ("transfer", "t-in-flight", "transfer", Transfer(InFlight(700)), false),
            ("trade", "x-in-flight", "trade", StateJson.Serialize(new { InFlight = InFlight(300) }), false),
            ("transfer", "t-done", "transfer", Transfer(inFlight: null), false),
            ("account", "账户-1", "account", """{"BalanceFen":1000,"Note":"\"InFlight\":{"}""", false),
            ("transfer", "t-marked", "transfer", Transfer(InFlight(50)), true),
        ];
        foreach (var row in rows)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = row.Marked
                ? """
                  INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at, in_flight_since)
                  VALUES (@type, @key, @state, @payload, 1, @at, @at)
                  """
                : """
                  INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at)
                  VALUES (@type, @key, @state, @payload, 1, @at)
                  """;
            command.WithParameter("@type", row.Type).WithParameter("@key", row.Key).WithParameter("@state", row.State)
                .WithParameter("@payload", row.Payload).WithParameter("@at", modifiedAt);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task AssertUpgradedAsync(StorageOptions options)
    {
        await using var provider = StorageProviderFactory.Create(options, NullLoggerFactory.Instance);
        await provider.InitializeAsync(CancellationToken.None);

        var marked = await provider.GrainStateStore.ReadStatesInFlightAsync(CancellationToken.None);

        Assert.Equal(
            ["trade/x-in-flight", "transfer/t-in-flight", "transfer/t-marked"],
            marked.Select(state => $"{state.GrainId.Type}/{state.GrainId.Key}").Order(StringComparer.Ordinal));
        Assert.Contains(new StoredGrainId("transfer", "t-in-flight"), await provider.GrainStateStore.ReadMovementsInFlightAsync(StoredAt, CancellationToken.None));
    }

    private static string Transfer(Movement? inFlight) =>
        StateJson.Serialize(new TransferGrainState { Source = "a", Target = "b", AmountFen = 700, InFlight = inFlight });

    private static Movement InFlight(long amountFen) =>
        new(MovementFlow.Transfer, "transfer:t:1", "t", "a", "b", amountFen, MovementKind.TransferOut, MovementKind.TransferIn, StoredAt);
}
