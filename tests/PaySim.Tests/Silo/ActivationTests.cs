using PaySim.Runtime;
using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

public sealed class ActivationTests
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task IdleGrain_IsDeactivated_AndComesBackWithItsWrittenState()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            TimeProvider = clock,
            ConfigureSilo = silo => silo.IdleDeactivationAfter = IdleAfter,
        });
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("idle");
        await note.WriteAsync("kept");
        var firstActivation = await note.GetActivationIdAsync();
        var catalog = cluster.Silos[0].Catalog;

        clock.Advance(IdleAfter + TimeSpan.FromMinutes(3));
        await Eventually.HoldsAsync(() => !catalog.IsActive(new GrainId("note", "idle")), "the idle grain is deactivated");

        Assert.Equal("kept", await note.ReadAsync());
        Assert.NotEqual(firstActivation, await note.GetActivationIdAsync());
    }

    [Fact]
    public async Task RecentlyUsedGrain_IsNotDeactivated()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            TimeProvider = clock,
            ConfigureSilo = silo => silo.IdleDeactivationAfter = IdleAfter,
        });
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("busy");
        var activation = await note.GetActivationIdAsync();

        clock.Advance(IdleAfter / 2);
        await note.ReadAsync();
        clock.Advance(IdleAfter / 2 + TimeSpan.FromSeconds(1));

        Assert.Equal(0, cluster.Silos[0].Catalog.CollectIdleActivations());
        Assert.Equal(activation, await note.GetActivationIdAsync());
    }

    [Fact]
    public async Task ActivationCountOverTheCap_DeactivatesTheLongestIdleFirst()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            TimeProvider = clock,
            ConfigureSilo = silo => silo.ActivationCountMax = 10,
        });
        for (var index = 0; index < 10; index++)
        {
            await cluster.GrainFactory.GetGrain<INoteGrain>($"n{index}").ReadAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await cluster.GrainFactory.GetGrain<INoteGrain>("one-too-many").ReadAsync();

        var catalog = cluster.Silos[0].Catalog;
        await Eventually.HoldsAsync(() => !catalog.IsActive(new GrainId("note", "n0")), "the oldest activation is evicted");
        Assert.True(catalog.IsActive(new GrainId("note", "one-too-many")));
        Assert.True(catalog.IsActive(new GrainId("note", "n9")));
        Assert.True(catalog.ActivationCount <= 10);
    }

    [Fact]
    public async Task DeactivateOnIdle_NextCallGetsANewActivation()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("leaving");
        var first = await note.GetActivationIdAsync();

        await note.DeactivateAsync();

        Assert.NotEqual(first, await note.GetActivationIdAsync());
    }

    [Fact]
    public async Task CallsQueuedBehindADeactivation_AreServedByTheNextActivation()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("rerouted");
        await counter.IncrementAsync();
        var catalog = cluster.Silos[0].Catalog;

        var calls = Enumerable.Range(0, 50).Select(_ => counter.IncrementAsync()).ToList();
        await catalog.DeactivateAllAsync();
        calls.AddRange(Enumerable.Range(0, 50).Select(_ => counter.IncrementAsync()));

        var results = await Task.WhenAll(calls);
        Assert.Equal(100, results.Length);
        Assert.True(catalog.IsActive(new GrainId("counter", "rerouted")));
    }

    [Fact]
    public async Task ConcurrentFirstCalls_ToFreshGrains_AllRunAfterTheActivation()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions());

        // Eight callers race to create each activation; a call queued ahead of the activation turn would find no grain.
        var calls = Enumerable.Range(0, 500).SelectMany(grain => Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            cluster.GrainFactory.GetGrain<INoteGrain>($"fresh{grain}").GetActivationIdAsync())));

        var activationIds = await Task.WhenAll(calls);
        Assert.Equal(500, activationIds.Distinct().Count());
    }
}
