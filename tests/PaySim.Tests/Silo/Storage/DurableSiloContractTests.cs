using Orleans.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Storage;

/// <summary>Orleans silos over a durable store: what a grain wrote is there after its silo restarts.</summary>
public abstract class DurableSiloContractTests(StoreFixture store)
{
    [Fact]
    public async Task GrainState_SurvivesARestartOfItsSilo()
    {
        var key = $"note-{Guid.NewGuid():N}";
        await using var cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = store.Options });
        await cluster.GrainFactory.GetGrain<INoteGrain>(key).WriteAsync("kept");

        await cluster.RestartSiloAsync(0);

        Assert.Equal("kept", await cluster.GrainFactory.GetGrain<INoteGrain>(key).ReadAsync());
    }

    [Fact]
    public async Task GrainState_AfterEveryGrainIsDeactivated_IsReadBackFromTheStore()
    {
        var key = $"note-{Guid.NewGuid():N}";
        await using var cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = store.Options });
        await cluster.GrainFactory.GetGrain<INoteGrain>(key).WriteAsync("kept");

        await cluster.DeactivateAllAsync();

        Assert.Equal("kept", await cluster.GrainFactory.GetGrain<INoteGrain>(key).ReadAsync());
    }

    [Fact]
    public async Task TwoClusters_OverOneStore_TheStaleWriteIsRejected()
    {
        // Within one cluster Orleans keeps one activation per grain, so two activations of one grain writing the
        // same row only happen across clusters (or a split of one); two clusters over one store stand for that.
        var key = $"note-{Guid.NewGuid():N}";
        await using var first = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = store.Options });
        await using var second = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = store.Options });
        var onSecond = second.GrainFactory.GetGrain<INoteGrain>(key);
        Assert.Null(await onSecond.ReadAsync());

        await first.GrainFactory.GetGrain<INoteGrain>(key).WriteAsync("first");

        await Assert.ThrowsAsync<InconsistentStateException>(() => onSecond.WriteAsync("second"));
        // Orleans retires the activation that saw the conflict, so the next call reads the first writer's state.
        Assert.Equal("first", await onSecond.ReadAsync());
    }
}
