using PaySim.Runtime;
using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task TwoSilos_ActivatingOneGrain_SecondStaleWriteIsRejected_AndTheFirstWriteStays()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { SiloCount = 2 });
        var onFirst = cluster.Silos[0].GrainFactory.GetGrain<INoteGrain>("contested");
        var onSecond = cluster.Silos[1].GrainFactory.GetGrain<INoteGrain>("contested");
        Assert.Null(await onFirst.ReadAsync());
        Assert.Null(await onSecond.ReadAsync());

        await onFirst.WriteAsync("first");
        await Assert.ThrowsAsync<InconsistentStateException>(() => onSecond.WriteAsync("second"));

        var stored = await cluster.Silos[0].GrainStorage.ReadStateAsync(new GrainId("note", "contested"), "note", CancellationToken.None);
        Assert.Contains("\"first\"", stored!.Payload);
        Assert.Equal("first", await onSecond.ReadAsync());
    }

    [Fact]
    public async Task StaleActivation_AfterRejection_ReloadsAndItsNextWriteWins()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { SiloCount = 2 });
        var onFirst = cluster.Silos[0].GrainFactory.GetGrain<INoteGrain>("recovering");
        var onSecond = cluster.Silos[1].GrainFactory.GetGrain<INoteGrain>("recovering");
        await onSecond.ReadAsync();
        await onFirst.WriteAsync("first");
        await Assert.ThrowsAsync<InconsistentStateException>(() => onSecond.WriteAsync("lost"));

        await onSecond.WriteAsync("second");

        Assert.Equal("second", await onSecond.ReadAsync());
        await onFirst.DeactivateAsync();
        Assert.Equal("second", await onFirst.ReadAsync());
    }

    [Fact]
    public async Task ClearedState_ReadsAsNew_AfterReactivation()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("cleared");
        await note.WriteAsync("gone soon");

        await note.ClearAsync();
        await note.DeactivateAsync();

        Assert.Null(await note.ReadAsync());
    }

    [Fact]
    public async Task WrittenState_SurvivesASiloRestart()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        await cluster.GrainFactory.GetGrain<INoteGrain>("durable").WriteAsync("persisted");

        await cluster.RestartSiloAsync(0);

        Assert.Equal("persisted", await cluster.GrainFactory.GetGrain<INoteGrain>("durable").ReadAsync());
    }
}
