using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>The gateway over a fresh PostgreSQL database (PAYSIM_TEST_POSTGRES must be set; the tests fail without it).</summary>
public sealed class PostgresApiFixture : PaySimApiFixture
{
    public override PaySim.Silo.Storage.StorageProviderKind StorageKind => PaySim.Silo.Storage.StorageProviderKind.PostgreSql;

    private PostgresTestDatabase? _database;

    protected override async Task<Dictionary<string, string>> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new Dictionary<string, string>
        {
            ["PaySim:Storage:Provider"] = "PostgreSql",
            ["PaySim:Storage:ConnectionString"] = _database.ConnectionString,
        };
    }

    protected override async Task DropStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
