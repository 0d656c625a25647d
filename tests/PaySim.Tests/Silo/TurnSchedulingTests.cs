using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task ConcurrentCalls_ToOneGrain_LoseNoIncrement()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("counter");

        var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(counter.IncrementAsync)));

        Assert.Equal(1_000, results.Max());
        Assert.Equal(Enumerable.Range(1, 1_000), results.Order());
    }

    [Fact]
    public async Task Calls_FromOneCaller_RunInArrivalOrder()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("ordered");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(counter.AppendAsync).ToList());

        Assert.Equal(Enumerable.Range(0, 200), await counter.GetAppendedAsync());
    }

    [Fact]
    public async Task CallCycle_BetweenTwoGrains_FailsWithTimeoutInsteadOfHanging()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            ConfigureSilo = silo => silo.ResponseTimeout = TimeSpan.FromMilliseconds(300),
        });
        var ping = cluster.GrainFactory.GetGrain<IPingGrain>("a");

        await Assert.ThrowsAsync<TimeoutException>(() => ping.PingAsync("b", depth: 2));
    }

    [Fact]
    public async Task GrainException_ReachesTheCaller_AndTheActivationKeepsServing()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var ping = cluster.GrainFactory.GetGrain<IPingGrain>("thrower");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => ping.EchoAsync("fail"));

        Assert.Equal("asked to fail", exception.Message);
        Assert.Equal("still here", await ping.EchoAsync("still here"));
    }

    [Fact]
    public async Task GetGrain_WithKeyLongerThanTheLimit_IsRefused()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());

        Assert.Throws<ArgumentException>(() => cluster.GrainFactory.GetGrain<IPingGrain>(new string('k', 257)));
    }
}
