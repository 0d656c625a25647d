using PaySim.Silo.Storage;

namespace PaySim.Tests.Silo.Storage;

/// <summary>
/// The in-process memory store, held to the same contracts as the databases because test clusters and benchmarks use
/// it in their place. <see cref="StoreFixture.CreateProvider"/> gives a separate, empty store here: memory is not shared
/// between providers, so only tests that use <see cref="StoreFixture.Provider"/> alone run on this fixture.
/// </summary>
public sealed class MemoryStoreFixture : StoreFixture
{
    protected override Task<StorageOptions> PrepareStoreAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProviderKind.Memory });

    protected override Task DeleteStoreAsync() => Task.CompletedTask;
}
