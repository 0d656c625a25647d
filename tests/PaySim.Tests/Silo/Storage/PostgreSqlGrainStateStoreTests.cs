using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.PostgreSql;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlGrainStateStoreTests(PostgreSqlStoreFixture store) : GrainStateStoreContractTests(store), IClassFixture<PostgreSqlStoreFixture>
{
    [Fact]
    public async Task ReadState_ConcurrentReads_ShareQueries()
    {
        var reader = ((PostgreSqlStorageProvider)store.Provider).StateReader;
        var (queriesBefore, readsBefore) = (reader.QueryCount, reader.ReadCount);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => store.Provider.GrainStateStore.ReadStateAsync(NewGrain(), StateName, CancellationToken.None)));

        Assert.Equal(500, reader.ReadCount - readsBefore);
        // Reads asked for while a query is in flight wait for the next one; a handful of queries is typical.
        Assert.InRange(reader.QueryCount - queriesBefore, 1, 50);
    }

    [Fact]
    public async Task GroupCommits_FindRowsByKey_EvenWhenPlannedOnANewDatabasesEmptyTables()
    {
        // One connection, so every commit and grouped read runs on the session inspected below: Npgsql prepares the
        // statements after a few uses, and PostgreSQL may then plan them once for all. Planned on a new database's near-empty tables, that
        // plan scanned grain_state and reminders whole at every commit, however large they had grown.
        await using var database = await PostgresTestDatabase.CreateAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var provider = new PostgreSqlStorageProvider(
            new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = connectionString }, NullLoggerFactory.Instance, TimeProvider.System);
        await provider.InitializeAsync(CancellationToken.None);
        for (var write = 0; write < 30; write++)
        {
            var grain = NewGrain();
            var etag = await provider.GrainStateStore.WriteStateAsync(grain, StateName, Payload("1"), null, [], CancellationToken.None);
            await provider.GrainStateStore.WriteStateAsync(grain, StateName, Payload("2"), etag, [new JournalEntry("op", "{}", DateTimeOffset.UtcNow)], CancellationToken.None);
            await provider.GrainStateStore.ReadStateAsync(grain, StateName, CancellationToken.None);
            var reminder = await provider.ReminderStore.UpsertAsync(
                new StoredReminder(grain, 7, "recover", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), Etag: ""), CancellationToken.None);
            Assert.True(await provider.ReminderStore.RemoveAsync(grain, "recover", reminder, CancellationToken.None));
        }

        await using var connection = await provider.KeyedDataSource.OpenConnectionAsync();
        var plans = new List<string>();
        var statements = await PreparedStatementsOnAsync(connection, "grain_state");
        statements.AddRange(await PreparedStatementsOnAsync(connection, "DELETE FROM reminders"));
        foreach (var (name, parameterCount) in statements)
        {
            var nulls = string.Join(", ", Enumerable.Repeat("NULL", parameterCount));
            await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {name}({nulls})", connection);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plans.Add(reader.GetString(0));
            }
        }

        Assert.Equal(3, statements.Count); // the state writes, the grouped state reads, the reminder removals
        Assert.DoesNotContain(plans, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private static async Task<List<(string Name, int ParameterCount)>> PreparedStatementsOnAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT name, cardinality(parameter_types) FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%' AND custom_plans + generic_plans >= 10",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            statements.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return statements;
    }
}
