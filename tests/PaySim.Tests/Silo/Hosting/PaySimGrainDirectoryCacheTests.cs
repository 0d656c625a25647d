using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.GrainDirectory;
using PaySim.Silo.Hosting;
using PaySim.Grains.Transfers;
using PaySim.Tests.Gateway;

namespace PaySim.Tests.Silo.Hosting;

/// <summary>
/// The silo's directory cache keeps no address of a transfer (called about once, then retired), and everything else
/// as Orleans' own cache does: a transfer load used to leave one cached address per transfer for minutes.
/// </summary>
[Collection(SqliteApiCollection.Name)]
public sealed class PaySimGrainDirectoryCacheTests(SqliteApiFixture fixture)
{
    /// <summary>On the single node as users run it: the gateway calls grains from inside the silo, whose cache learns each address.</summary>
    [Fact]
    public async Task AfterTransfers_TheSilosCacheHoldsNoTransferAddress_ButStillCachesTheAccounts()
    {
        var source = await fixture.OpenAccountAsync(1_000);
        var target = await fixture.OpenAccountAsync(0);
        for (var i = 0; i < 20; i++)
        {
            var answer = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 10, password = PaySimApiFixture.Password });
            Assert.Equal("转账成功", answer["result"]);
        }

        var cache = fixture.Services.GetRequiredService<IGrainDirectoryCache>();
        Assert.IsType<PaySimGrainDirectoryCache>(cache);
        var cached = cache.KeyValues.Select(entry => entry.ActivationAddress.GrainId).ToList();
        Assert.DoesNotContain(cached, grain => grain.Type == GrainType.Create(TransferGrain.GrainTypeName));
        Assert.Contains(GrainId.Create("account", source), cached);
        Assert.Equal(800, await fixture.BalanceAsync(source));
    }

    [Fact]
    public void AddOrUpdate_PassesEveryGrainTypeButTransfersToOrleansCache()
    {
        var lru = new RecordingCache();
        var cache = new PaySimGrainDirectoryCache(lru);
        var silo = SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);
        var account = new GrainAddress { GrainId = GrainId.Create("account", "alice"), ActivationId = ActivationId.NewId(), SiloAddress = silo };
        var transfer = new GrainAddress { GrainId = GrainId.Create("transfer", "t-1"), ActivationId = ActivationId.NewId(), SiloAddress = silo };

        cache.AddOrUpdate(account, 1);
        cache.AddOrUpdate(transfer, 1);

        Assert.Equal([account], lru.Added);
        Assert.True(cache.LookUp(account.GrainId, out var found, out _));
        Assert.Equal(account, found);
        Assert.False(cache.LookUp(transfer.GrainId, out _, out _));
    }

    private sealed class RecordingCache : IGrainDirectoryCache
    {
        private readonly Dictionary<GrainId, (GrainAddress Address, int Version)> _entries = [];

        public List<GrainAddress> Added { get; } = [];

        public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues => _entries.Values;

        public void AddOrUpdate(GrainAddress value, int version)
        {
            Added.Add(value);
            _entries[value.GrainId] = (value, version);
        }

        public bool Remove(GrainId key) => _entries.Remove(key);

        public bool Remove(GrainAddress key) => _entries.Remove(key.GrainId);

        public void Clear() => _entries.Clear();

        public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version)
        {
            var found = _entries.TryGetValue(key, out var entry);
            (result, version) = (entry.Address, entry.Version);
            return found;
        }
    }
}
