using PaySim.Runtime;
using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Storage;

/// <summary>The runtime over a durable store: what a grain wrote is there after its silo restarts.</summary>
public abstract class DurableSiloContractTests(StoreFixture store)
{
    [Fact]
    public async Task GrainState_SurvivesARestartOfItsSilo()
    {
        var key = $"note-{Guid.NewGuid():N}";
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { Storage = store.Options });
        await cluster.GrainFactory.GetGrain<INoteGrain>(key).WriteAsync("kept");

        await cluster.RestartSiloAsync(0);

        Assert.Equal("kept", await cluster.GrainFactory.GetGrain<INoteGrain>(key).ReadAsync());
    }

    [Fact]
    public async Task TwoSilos_OverOneStore_TheStaleWriteIsRejected()
    {
        var key = $"note-{Guid.NewGuid():N}";
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { SiloCount = 2, Storage = store.Options });
        var onSecond = cluster.Silos[1].GrainFactory.GetGrain<INoteGrain>(key);
        Assert.Null(await onSecond.ReadAsync());

        await cluster.Silos[0].GrainFactory.GetGrain<INoteGrain>(key).WriteAsync("first");

        await Assert.ThrowsAsync<InconsistentStateException>(() => onSecond.WriteAsync("second"));
        Assert.Equal("first", await onSecond.ReadAsync());
    }
}
