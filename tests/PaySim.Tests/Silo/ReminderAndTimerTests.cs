using PaySim.Tests.Silo.TestGrains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo;

public sealed class ReminderAndTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Reminder_FiresWhenDue_AsATurnOfTheGrain()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = clock });
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("reminded");
        await note.RememberAfterAsync(TimeSpan.FromMinutes(1), Period);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await note.GetReminderTicksAsync());
        clock.Advance(TimeSpan.FromSeconds(31));

        await Eventually.HoldsAsync(note.GetReminderTicksAsync, ticks => ticks == 1, "the reminder fired once");
    }

    [Fact]
    public async Task ReminderRegisteredBeforeASiloRestart_FiresAfterIt()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = clock });
        await cluster.GrainFactory.GetGrain<INoteGrain>("restarted").RememberAfterAsync(TimeSpan.FromMinutes(1), Period);

        await cluster.RestartSiloAsync(0);
        clock.Advance(TimeSpan.FromMinutes(2));

        var note = cluster.GrainFactory.GetGrain<INoteGrain>("restarted");
        await Eventually.HoldsAsync(note.GetReminderTicksAsync, ticks => ticks >= 1, "the reminder fired after the restart");
    }

    [Fact]
    public async Task UnregisteredReminder_NeverFires()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = clock });
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("forgotten");
        await note.RememberAfterAsync(TimeSpan.FromMinutes(1), Period);

        await note.ForgetAsync();
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(0, await cluster.Silos[0].Reminders.PollOnceAsync(CancellationToken.None));
        Assert.Equal(0, await note.GetReminderTicksAsync());
    }

    [Fact]
    public async Task DueReminder_IsClaimedByOneSiloOnly()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = clock, SiloCount = 2 });
        await cluster.GrainFactory.GetGrain<INoteGrain>("shared").RememberAfterAsync(TimeSpan.FromMinutes(1), Period);
        // Poll loops wait on the fake clock, so nothing polls until the test does.
        clock.Advance(TimeSpan.FromSeconds(59));
        await Eventually.HoldsAsync(() => true, "settle");

        clock.Advance(TimeSpan.FromSeconds(1));
        var claims = await Task.WhenAll(cluster.Silos.Select(silo => silo.Reminders.PollOnceAsync(CancellationToken.None)));

        Assert.True(claims.Sum() <= 1, $"claims: {string.Join(",", claims)}");
    }

    [Fact]
    public async Task Timer_TicksAsTurns_UntilTheActivationGoesAway()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = clock });
        var note = cluster.GrainFactory.GetGrain<INoteGrain>("timed");
        await note.StartTimerAsync(TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(note.GetTimerTicksAsync, ticks => ticks == 1, "one timer tick");
        clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(note.GetTimerTicksAsync, ticks => ticks == 2, "two timer ticks");

        await note.DeactivateAsync();
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await note.GetTimerTicksAsync());
    }
}
