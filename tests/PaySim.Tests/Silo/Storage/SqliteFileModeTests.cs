using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Sqlite;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>The SQLite file holds password hashes and encrypted merchant secrets: its owner alone may read it.</summary>
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"paysim-filemode-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task NewDatabase_AndItsWriteAheadLog_AreReadableByTheirOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        await using var provider = await OpenAsync();

        await provider.GrainStateStore.WriteStateAsync(NewGrain(), StateName, Payload("1"), null, [], CancellationToken.None);

        foreach (var file in Directory.GetFiles(_directory, SqliteStorageProvider.FileName + "*"))
        {
            Assert.Equal((file, OwnerOnly), (file, File.GetUnixFileMode(file)));
        }

        Assert.True(File.Exists(Path.Combine(_directory, SqliteStorageProvider.FileName + "-wal")));
    }

    [Fact]
    public async Task DatabaseMadeReadableToOthersBefore_IsNarrowedToItsOwnerAtStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, SqliteStorageProvider.FileName);
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var provider = await OpenAsync();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    private async Task<IStorageProvider> OpenAsync()
    {
        var provider = StorageProviderFactory.Create(
            new StorageOptions { Provider = StorageProviderKind.Sqlite, DataDirectory = _directory }, NullLoggerFactory.Instance);
        await provider.InitializeAsync(CancellationToken.None);
        return provider;
    }
}
