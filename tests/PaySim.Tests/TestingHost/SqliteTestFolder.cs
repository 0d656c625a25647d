using PaySim.Silo.Storage;

namespace PaySim.Tests.TestingHost;

/// <summary>A temporary folder for a test cluster's SQLite file, deleted afterwards.</summary>
public sealed class SqliteTestFolder : IAsyncDisposable
{
    private SqliteTestFolder(string path) => Path = path;

    public string Path { get; }

    public StorageOptions Options => new() { Provider = StorageProviderKind.Sqlite, DataDirectory = Path };

    public static SqliteTestFolder Create() => new(Directory.CreateTempSubdirectory("paysim-test-").FullName);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed silo may still hold the file for a moment; a leftover temporary folder harms nothing.
        }

        return ValueTask.CompletedTask;
    }
}
