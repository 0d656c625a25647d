namespace PaySim.Silo.Storage;

/// <summary>Which store holds grain state and reminders. Bound from the configuration section <c>PaySim:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The embedded SQLite file (default: a single node needs no server) or a shared PostgreSQL.</summary>
    public StorageProviderKind Provider { get; set; } = StorageProviderKind.Sqlite;

    /// <summary>For PostgreSQL: an Npgsql connection string. For SQLite: optional; defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the embedded store's file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Most writes that share one commit; bounds a commit's size and latency.</summary>
    public int GroupCommitBatchSizeMax { get; set; } = 512;

    /// <summary>
    /// PostgreSQL only: how many group commits may be in flight at once, each on its own connection. While one batch
    /// waits for its WAL flush the next one is already executing, and PostgreSQL flushes both with one fsync.
    /// SQLite always uses one (it has a single writer).
    /// </summary>
    public int GroupCommitsInFlightMax { get; set; } = 4;

    /// <summary>
    /// Which Orleans grain storage holds plain document states (transfers, trades, merchants, orders): PaySim's
    /// group-commit store, or Orleans' stock ADO.NET storage (PostgreSQL only). Accounts always use PaySim's store,
    /// which writes a balance and its ledger line in one commit.
    /// </summary>
    public DocumentStoreKind DocumentStore { get; set; } = DocumentStoreKind.GroupCommit;
}

/// <summary>The grain storages that can hold plain document states.</summary>
public enum DocumentStoreKind
{
    GroupCommit,
    AdoNet,
}

/// <summary>The supported stores.</summary>
public enum StorageProviderKind
{
    Sqlite,
    PostgreSql,

    /// <summary>Process memory only: nothing survives a restart. For runtime tests and benchmarks.</summary>
    Memory,
}
