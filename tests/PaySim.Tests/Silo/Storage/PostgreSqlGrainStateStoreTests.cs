using PaySim.Silo.Storage.PostgreSql;
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
}
