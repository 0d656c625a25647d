using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Silo.Storage;

/// <summary>One initialized store shared by the tests of one class; each test uses its own grain ids.</summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private StorageOptions? _options;
    private IStorageProvider? _provider;

    public IStorageProvider Provider => _provider ?? throw new InvalidOperationException("The store is not initialized.");

    /// <summary>Options that reach this store, e.g. for a <c>TestCluster</c>.</summary>
    public StorageOptions Options => _options ?? throw new InvalidOperationException("The store is not prepared.");

    /// <summary>A second, uninitialized provider over the same store (as another silo would have).</summary>
    public IStorageProvider CreateProvider() =>
        StorageProviderFactory.Create(Options, NullLoggerFactory.Instance);

    public async Task InitializeAsync()
    {
        _options = await PrepareStoreAsync();
        _provider = CreateProvider();
        await _provider.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        await DeleteStoreAsync();
    }

    /// <summary>Creates an empty store and returns the options that reach it.</summary>
    protected abstract Task<StorageOptions> PrepareStoreAsync();

    protected abstract Task DeleteStoreAsync();
}
