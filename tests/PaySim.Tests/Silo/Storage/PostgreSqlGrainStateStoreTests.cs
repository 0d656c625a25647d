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
    public async Task GroupCommits_ArePlannedAtEachExecution_NeverByAPlanMadeWhileTheTablesWereSmall()
    {
        // One connection, so every commit runs on the session inspected below: its statements are auto-prepared after
        // a few uses, and PostgreSQL would switch a prepared statement to one generic plan after five more. Made on a
        // new database's near-empty tables, that plan scanned grain_state and reminders whole at every commit.
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
        }

        await using var connection = await provider.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) FROM pg_prepared_statements WHERE statement LIKE '%grain_state%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (generic, custom) = (reader.GetInt64(0), reader.GetInt64(1));

        Assert.True(generic == 0, $"{generic} of the state writes ran on a generic plan");
        Assert.True(custom >= 20, $"the state writes ran {custom} times as prepared statements; expected most of the 60");
    }
}
