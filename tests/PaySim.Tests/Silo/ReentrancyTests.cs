using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

public sealed class ReentrancyTests
{
    [Fact]
    public async Task ReentrantGrain_StartsTheNextCallWhileOneAwaits()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            ConfigureSilo = silo => silo.ResponseTimeout = TimeSpan.FromSeconds(5),
        });
        var grain = cluster.GrainFactory.GetGrain<IInterleavingGrain>("interleaving");

        var waiting = grain.WaitForSignalAsync();
        await grain.SignalAsync();

        await waiting;
    }

    [Fact]
    public async Task ReentrantGrain_NeverRunsTwoCallsCodeAtTheSameTime()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var grain = cluster.GrainFactory.GetGrain<IInterleavingGrain>("exclusive");

        var overlaps = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(grain.OverlappedAsync)));

        Assert.DoesNotContain(true, overlaps);
    }
}
