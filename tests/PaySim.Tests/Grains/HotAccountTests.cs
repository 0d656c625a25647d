using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains;

/// <summary>
/// One account under many concurrent movements, on a durable store (the in-memory store commits synchronously, so
/// it would never show writes being shared).
/// </summary>
public sealed class HotAccountTests : IAsyncLifetime
{
    private const int MovementCount = 300;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"paysim-hot-{Guid.NewGuid():N}");
    private PaySimTestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.GrainFactory;

    public async Task InitializeAsync() => _cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
    {
        Storage = new StorageOptions { Provider = StorageProviderKind.Sqlite, DataDirectory = _directory },
    });

    public async Task DisposeAsync()
    {
        await _cluster!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ConcurrentCredits_ToOneAccount_AllApplyOnce_AndShareStateWrites()
    {
        var merchant = await GrainClusterFixture.OpenAccountAsync(Grains, 0);
        var account = Grains.GetGrain<IAccountGrain>(merchant);

        var results = await Task.WhenAll(Enumerable.Range(0, MovementCount).Select(index => Task.Run(() =>
            account.ApplyAsync(new AccountMovement($"pay-{index}", MovementKind.PaymentIn, 7, "payer", $"trade-{index}")))));

        Assert.All(results, result => Assert.Equal(AccountResult.Ok, result));
        Assert.Equal(MovementCount * 7, (await account.GetSnapshotAsync())!.BalanceFen);
        var stored = await _cluster!.Store().GrainStateStore.ReadStateAsync(new StoredGrainId("account", merchant), "account", CancellationToken.None);
        var writeCount = long.Parse(stored!.Etag, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(writeCount < MovementCount, $"{MovementCount} credits took {writeCount} state writes");
        var ledger = await ReadLedgerAsync(merchant);
        Assert.Equal(MovementCount, ledger.Count);
    }

    [Fact]
    public async Task ConcurrentDebits_BeyondTheBalance_NeverOverdraw()
    {
        var payer = await GrainClusterFixture.OpenAccountAsync(Grains, 500);
        var account = Grains.GetGrain<IAccountGrain>(payer);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(index => Task.Run(() =>
            account.ApplyAsync(new AccountMovement($"out-{index}", MovementKind.PaymentOut, 10, "shop", $"trade-{index}")))));

        Assert.Equal(50, results.Count(result => result == AccountResult.Ok));
        Assert.Equal(50, results.Count(result => result == AccountResult.InsufficientFunds));
        Assert.Equal(0, (await account.GetSnapshotAsync())!.BalanceFen);
    }

    [Fact]
    public async Task ConcurrentRetries_OfOneOperation_ApplyItOnce()
    {
        var payer = await GrainClusterFixture.OpenAccountAsync(Grains, 1_000);
        var account = Grains.GetGrain<IAccountGrain>(payer);
        var movement = new AccountMovement("same-op", MovementKind.Withdrawal, 100, null, "req:1", MayBeRetry: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => account.ApplyAsync(movement))));

        Assert.All(results, result => Assert.Equal(AccountResult.Ok, result));
        Assert.Equal(900, (await account.GetSnapshotAsync())!.BalanceFen);
    }

    private async Task<List<StoredJournalEntry>> ReadLedgerAsync(string username)
    {
        var entries = new List<StoredJournalEntry>();
        await foreach (var entry in _cluster!.Store().GrainStateStore.ReadAllJournalEntriesAsync("account", CancellationToken.None))
        {
            if (entry.GrainKey == username)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
