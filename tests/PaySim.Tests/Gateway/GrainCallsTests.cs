using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using PaySim.Gateway.Apis;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>The edge's call policy on its own, with scripted calls; the budget is checked on a fake clock.</summary>
[Trait("Tier", "Unit")]
public sealed class GrainCallsTests
{
    private readonly GrainCalls _calls = new(TimeProvider.System, NullLogger<GrainCalls>.Instance);

    [Fact]
    public async Task Repeatable_AfterTransientFailuresAndAnUnansweredAttempt_RepeatsUntilAnswered()
    {
        var attempts = 0;
        var answer = await _calls.RepeatableAsync(() => ++attempts switch
        {
            1 => Task.FromException<int>(new SiloUnavailableException("known to be dead")),
            2 => new TaskCompletionSource<int>().Task, // lost with its silo: never answered
            3 => Task.FromException<int>(new TimeoutException("Orleans' response timeout")),
            4 => Task.FromException<int>(new PaySim.Grains.Interfaces.StoreUnavailableException("a pooled connection the server had killed")),
            5 => Task.FromException<int>(new Orleans.Runtime.OrleansException("Failed to activate grain.", new PaySim.Grains.Interfaces.StoreUnavailableException("its state could not be read"))),
            _ => Task.FromResult(42),
        });

        Assert.Equal((42, 6), (answer, attempts));
    }

    [Fact]
    public async Task Repeatable_NeverAnswered_GivesUpWithATimeoutWithinTheBudget()
    {
        // On a fake clock moved in small steps, so the count and the time are exact whatever else runs on the machine.
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = new GrainCalls(clock, NullLogger<GrainCalls>.Instance);
        var attempts = 0;

        var giving = calls.RepeatableAsync(() =>
        {
            Interlocked.Increment(ref attempts);
            return new TaskCompletionSource<int>().Task;
        });
        var steps = 0;
        while (!giving.IsCompleted && steps++ < 1_000)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => giving);
        var elapsed = clock.GetUtcNow() - DateTimeOffset.UnixEpoch;
        Assert.InRange(elapsed, GrainCalls.BudgetMax - GrainCalls.AttemptTimeoutMin - GrainCalls.RepeatPause, GrainCalls.BudgetMax + TimeSpan.FromMilliseconds(50));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task CallsOfOneRequest_ShareOneBudget_AndOneItLeavesNoRoomForIsNotStarted()
    {
        // A handler's first call answers late (a silo dying under it); its next call gets only what is left, not a
        // budget of its own, so the request is answered within about BudgetMax.
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = new GrainCalls(clock, NullLogger<GrainCalls>.Instance);
        var lateFirst = GrainCalls.BudgetMax - GrainCalls.AttemptTimeoutMin - TimeSpan.FromMilliseconds(300);
        var first = calls.OnceAsync(async () =>
        {
            await Task.Delay(lateFirst, clock);
            return 1;
        });
        await AdvanceUntilAsync(clock, first);
        var second = calls.OnceAsync(() => new TaskCompletionSource<int>().Task);
        await AdvanceUntilAsync(clock, second);
        var started = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => second);
        var elapsed = clock.GetUtcNow() - DateTimeOffset.UnixEpoch;
        Assert.InRange(elapsed, GrainCalls.BudgetMax, GrainCalls.BudgetMax + TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAsync<TimeoutException>(() => calls.RepeatableAsync(() => Task.FromResult(++started)));
        Assert.Equal(0, started);
    }

    [Fact]
    public async Task ACallAfterALongOne_GetsABudgetOfItsOwn()
    {
        // 创建账户 hashes a password in a long call, then reads the new account's openID.
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = new GrainCalls(clock, NullLogger<GrainCalls>.Instance);
        var longCall = calls.LongAsync(async () =>
        {
            await Task.Delay(GrainCalls.BudgetMax * 2, clock);
            return 1;
        });
        await AdvanceUntilAsync(clock, longCall);

        Assert.Equal(2, await calls.RepeatableAsync(() => Task.FromResult(2)));
    }

    /// <summary>Moves the fake clock in small steps until <paramref name="task"/> is done (bounded).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task task)
    {
        for (var steps = 0; !task.IsCompleted && steps < 1_000; steps++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task Repeatable_AFailureOfTheGrainsOwn_IsNotRepeated()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _calls.RepeatableAsync<int>(() =>
        {
            attempts++;
            throw new InvalidOperationException("a bug");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Once_ATransientFailure_IsNotRepeated()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => _calls.OnceAsync(() =>
        {
            attempts++;
            return Task.FromException<int>(new SiloUnavailableException("known to be dead"));
        }));

        Assert.Equal(1, attempts);
    }
}
