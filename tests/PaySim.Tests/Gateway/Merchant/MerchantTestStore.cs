using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// A fresh store for one merchant gateway: its own data folder (SQLite file, merchant key file, admin token file)
/// and, for PostgreSQL, its own database. Dropped with the host.
/// </summary>
internal sealed class MerchantTestStore : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly PostgresTestDatabase? _database;

    private MerchantTestStore(string dataDirectory, PostgresTestDatabase? database, Dictionary<string, string?> settings)
    {
        _dataDirectory = dataDirectory;
        _database = database;
        Settings = settings;
    }

    /// <summary>The configuration that points the gateway at this store.</summary>
    public Dictionary<string, string?> Settings { get; }

    public static async Task<MerchantTestStore> CreateAsync(StorageProviderKind kind)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-merchant-tests", Guid.NewGuid().ToString("N"));
        var database = kind == StorageProviderKind.PostgreSql ? await PostgresTestDatabase.CreateAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["PaySim:Storage:Provider"] = kind.ToString(),
            ["PaySim:Storage:DataDirectory"] = dataDirectory,
            ["PaySim:Storage:ConnectionString"] = database?.ConnectionString,
        };
        return new MerchantTestStore(dataDirectory, database, settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
