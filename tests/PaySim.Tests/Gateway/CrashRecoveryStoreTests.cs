using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Gateway;

// The crash tests bound to each store. They wait on real time for a real process, so their collection runs alone,
// after the parallel ones, and a loaded machine does not stretch their timing windows. The bindings are short, so
// they share this file.

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashRecoveryCollection
{
    public const string Name = "crash recovery (child processes)";
}

[Collection(CrashRecoveryCollection.Name)]
public sealed class SqliteCrashRecoveryTests : CrashRecoveryTests
{
    protected override Task<Dictionary<string, string>> CreateStoreAsync() =>
        Task.FromResult(new Dictionary<string, string> { ["PaySim__Storage__Provider"] = "Sqlite" });
}

[Collection(CrashRecoveryCollection.Name)]
public sealed class PostgresCrashRecoveryTests : CrashRecoveryTests
{
    private PostgresTestDatabase? _database;

    protected override async Task<Dictionary<string, string>> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new Dictionary<string, string>
        {
            ["PaySim__Storage__Provider"] = "PostgreSql",
            ["PaySim__Storage__ConnectionString"] = _database.ConnectionString,
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

[Collection(CrashRecoveryCollection.Name)]
public sealed class SqliteCrashPointMatrixTests(ITestOutputHelper output) : CrashPointMatrixTests(StorageProviderKind.Sqlite, output);

[Collection(CrashRecoveryCollection.Name)]
public sealed class PostgresCrashPointMatrixTests(ITestOutputHelper output) : CrashPointMatrixTests(StorageProviderKind.PostgreSql, output);
