using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Storage;

/// <summary>A PostgreSQL store in a fresh database on the test server, dropped afterwards.</summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    private PostgresTestDatabase? _database;

    protected override async Task<StorageOptions> PrepareStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
