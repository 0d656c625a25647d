using PaySim.Silo.Storage;
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
public sealed class SqliteCrashRecoveryTests() : CrashRecoveryTests(StorageProviderKind.Sqlite);

[Collection(CrashRecoveryCollection.Name)]
public sealed class PostgresCrashRecoveryTests() : CrashRecoveryTests(StorageProviderKind.PostgreSql);

[Collection(CrashRecoveryCollection.Name)]
public sealed class SqliteCrashPointMatrixTests(ITestOutputHelper output) : CrashPointMatrixTests(StorageProviderKind.Sqlite, output);

[Collection(CrashRecoveryCollection.Name)]
public sealed class PostgresCrashPointMatrixTests(ITestOutputHelper output) : CrashPointMatrixTests(StorageProviderKind.PostgreSql, output);
