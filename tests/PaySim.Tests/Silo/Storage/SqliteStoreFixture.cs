using PaySim.Silo.Storage;

namespace PaySim.Tests.Silo.Storage;

/// <summary>A SQLite store in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"paysim-storage-{Guid.NewGuid():N}");

    protected override Task<StorageOptions> PrepareStoreAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProviderKind.Sqlite, DataDirectory = _directory });

    protected override Task DeleteStoreAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
