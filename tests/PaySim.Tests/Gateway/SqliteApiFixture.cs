namespace PaySim.Tests.Gateway;

/// <summary>The gateway over the embedded SQLite store, in a fresh temp folder.</summary>
public sealed class SqliteApiFixture : PaySimApiFixture
{
    public override PaySim.Silo.Storage.StorageProviderKind StorageKind => PaySim.Silo.Storage.StorageProviderKind.Sqlite;

    protected override Task<Dictionary<string, string>> CreateStoreAsync() =>
        Task.FromResult(new Dictionary<string, string> { ["PaySim:Storage:Provider"] = "Sqlite" });
}
