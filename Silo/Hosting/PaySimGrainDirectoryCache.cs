using System.Diagnostics.CodeAnalysis;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.GrainDirectory;
using PaySim.Grains.Transfers;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Orleans' own LRU directory cache, minus the grain types that are called about once: a transfer is called by the
/// gateway, settles and retires (design.md §1), so its address is never looked up again but by a client's retry.
/// Orleans keeps every address it looked up until the LRU evicts it (a million entries) or 240 s pass without use:
/// a 4-minute transfer load left 336k addresses of retired transfers in the cache, each held in memory, and walked
/// once a second by the dashboard's reader of <c>orleans-directory-cache-size</c> (docs/performance.md §10). Left
/// out, a transfer's address is looked up in the directory, which is where a new grain is placed from anyway.
/// </summary>
public sealed class PaySimGrainDirectoryCache(IGrainDirectoryCache lru) : IGrainDirectoryCache, IAsyncDisposable
{
    /// <summary>The grain types whose addresses are not cached.</summary>
    public static readonly IReadOnlySet<GrainType> Uncached = new HashSet<GrainType> { GrainType.Create(TransferGrain.GrainTypeName) };

    /// <summary>Orleans' cache as <paramref name="options"/> configure its size and time to live, wrapped.</summary>
    public static PaySimGrainDirectoryCache Create(IServiceProvider services, GrainDirectoryOptions options)
    {
        var lruOptions = new GrainDirectoryOptions
        {
            CachingStrategy = GrainDirectoryOptions.CachingStrategyType.LRU,
            CacheSize = options.CacheSize,
            MaximumCacheTTL = options.MaximumCacheTTL,
        };
        return new PaySimGrainDirectoryCache(GrainDirectoryCacheFactory.CreateGrainDirectoryCache(services, lruOptions));
    }

    public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues => lru.KeyValues;

    public void AddOrUpdate(GrainAddress value, int version)
    {
        if (!Uncached.Contains(value.GrainId.Type))
        {
            lru.AddOrUpdate(value, version);
        }
    }

    public bool Remove(GrainId key) => lru.Remove(key);

    public bool Remove(GrainAddress key) => lru.Remove(key);

    public void Clear() => lru.Clear();

    public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version) => lru.LookUp(key, out result, out version);

    public ValueTask DisposeAsync() => lru switch
    {
        IAsyncDisposable asyncDisposable => asyncDisposable.DisposeAsync(),
        IDisposable disposable => Dispose(disposable),
        _ => ValueTask.CompletedTask,
    };

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
