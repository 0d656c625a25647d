using Microsoft.Extensions.Options;

namespace PaySim.Silo.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up; each failure says which setting to change and how.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <summary>
    /// Most writes in one commit. Past a few thousand a commit only grows its latency (every caller waits for
    /// the whole batch) without saving further round trips.
    /// </summary>
    public const int GroupCommitBatchSizeLimit = 10_000;

    /// <summary>Each in-flight group commit holds a connection; more than a few only adds lock contention.</summary>
    public const int GroupCommitsInFlightLimit = 8;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"PaySim:Storage:Provider '{options.Provider}' is unknown: set it to Sqlite, PostgreSql or Memory.");
        }

        if (options.Provider == StorageProviderKind.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PaySim:Storage:ConnectionString is required when PaySim:Storage:Provider is PostgreSql: "
                + "set it to an Npgsql connection string, e.g. 'Host=127.0.0.1;Username=paysim;Database=paysim'.");
        }

        if (options.Provider == StorageProviderKind.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("PaySim:Storage:DataDirectory is empty: set it to the folder of the SQLite file (e.g. 'data'), "
                + "or set PaySim:Storage:ConnectionString.");
        }

        if (options.DocumentStore == DocumentStoreKind.AdoNet && options.Provider != StorageProviderKind.PostgreSql)
        {
            failures.Add("PaySim:Storage:DocumentStore AdoNet needs PaySim:Storage:Provider PostgreSql: "
                + "Orleans' ADO.NET grain storage is set up here for PostgreSQL only; use GroupCommit otherwise.");
        }

        if (options.GroupCommitsInFlightMax is < 1 or > GroupCommitsInFlightLimit)
        {
            failures.Add($"PaySim:Storage:GroupCommitsInFlightMax is {options.GroupCommitsInFlightMax}: "
                + $"use 1 to {GroupCommitsInFlightLimit} (each in-flight commit holds a database connection).");
        }

        if (options.GroupCommitBatchSizeMax is < 1 or > GroupCommitBatchSizeLimit)
        {
            failures.Add($"PaySim:Storage:GroupCommitBatchSizeMax is {options.GroupCommitBatchSizeMax}: "
                + $"set it between 1 and {GroupCommitBatchSizeLimit} (default 512).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
