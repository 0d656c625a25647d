using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Silo.Storage.Memory;
using PaySim.Silo.Storage.PostgreSql;
using PaySim.Silo.Storage.Sqlite;

namespace PaySim.Silo.Storage;

/// <summary>Builds the store named by <see cref="StorageOptions.Provider"/>, after validating the options.</summary>
public static class StorageProviderFactory
{
    /// <summary>
    /// Returns the configured store, not yet initialized (call <see cref="IStorageProvider.InitializeAsync"/>).
    /// Throws <see cref="OptionsValidationException"/> naming every setting to change when the options are invalid.
    /// <paramref name="timeProvider"/> stamps rows' modification times (default: the system clock).
    /// </summary>
    public static IStorageProvider Create(StorageOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var validation = new StorageOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions), validation.Failures);
        }

        timeProvider ??= TimeProvider.System;
        return options.Provider switch
        {
            StorageProviderKind.PostgreSql => new PostgreSqlStorageProvider(options, loggerFactory, timeProvider),
            StorageProviderKind.Sqlite => new SqliteStorageProvider(options, loggerFactory, timeProvider),
            StorageProviderKind.Memory => new MemoryStorageProvider(timeProvider),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider."),
        };
    }
}
