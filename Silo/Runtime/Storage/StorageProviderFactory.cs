using Microsoft.Extensions.Logging;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Silo.Storage;

/// <summary>Creates the store named by <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviderFactory
{
    public static IStorageProvider Create(StorageOptions options, ILoggerFactory loggerFactory) => options.Provider switch
    {
        StorageProviderKind.Memory => new MemoryStorageProvider(),
        _ => throw new NotSupportedException($"Storage provider {options.Provider} is not available in this build."),
    };
}
