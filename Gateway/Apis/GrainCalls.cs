using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using PaySim.Gateway.Observability;
using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>
/// The edge's policy for its grain calls: every call has a deadline, and a call that is safe to repeat is repeated on
/// a transient Orleans failure until <see cref="BudgetMax"/> is spent. Orleans never fails a client's call early when
/// the silo holding it dies (it waits for the 30 s response timeout), so without a deadline a killed silo would hold
/// every request it had for that long. What is left unanswered becomes a 503 with a reason
/// (<see cref="Hosting.UnhandledExceptionHandler"/>).
/// <para>
/// Each handler says which kind its call is. <see cref="RepeatableAsync"/>: reads, and writes that carry an operation
/// id (a transfer id, a request id, an order or refund number), so that a repeat answers as the first call did and
/// moves nothing twice. <see cref="OnceAsync"/>: writes whose repeat answers differently (a trade's payment: ALREADY_PAID;
/// a trade's creation: TRADE_ID_TAKEN), one attempt within the budget. <see cref="LongAsync"/>: calls that may take
/// long by design (对账 scans the whole store; opening an account hashes a password), one attempt under Orleans'
/// response timeout.
/// </para>
/// <para>
/// There is one instance per HTTP request, and the budget is the request's, counted from its first repeatable or
/// once-only call: a handler that makes several calls (a merchant's bar-code order verifies the signature, reads the
/// merchant, creates the order and pays it) still answers within about <see cref="BudgetMax"/>, where a budget per
/// call would add up to several of them while a silo dies. A call the spent budget leaves no room for is not started.
/// A long call's time is its own: the calls after it start a new budget.
/// </para>
/// </summary>
public sealed partial class GrainCalls(TimeProvider clock, ILogger<GrainCalls> logger)
{
    /// <summary>When the request's budget started; null until its first budgeted call, and again after a long call.</summary>
    private long? _budgetStarted;

    /// <summary>The most a repeatable or once-only call may take, repeats included; the edge answers within about this.</summary>
    public static readonly TimeSpan BudgetMax = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One attempt of a repeatable call. A healthy call takes milliseconds to a few hundred under load; a call lost with
    /// a killed silo is given up after this, which leaves time for more attempts once membership declared the silo dead
    /// (about 1–1.5 s on loopback) and its grains are activated elsewhere.
    /// </summary>
    public static readonly TimeSpan AttemptTimeoutMax = TimeSpan.FromSeconds(1);

    /// <summary>An attempt shorter than this is not started: it could hardly be answered, and would only add load.</summary>
    public static readonly TimeSpan AttemptTimeoutMin = TimeSpan.FromMilliseconds(200);

    /// <summary>Pause before a repeat: a rejected call fails within a millisecond, and hammering the cluster while it moves grains helps nobody.</summary>
    public static readonly TimeSpan RepeatPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="call"/>, repeating it on a transient failure until the request's budget is spent.</summary>
    public async Task<T> RepeatableAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            var remaining = RemainingOrThrow(GrainCallPolicy.Repeatable);
            try
            {
                return Answered(GrainCallPolicy.Repeatable, await WithDeadlineAsync(call, remaining < AttemptTimeoutMax ? remaining : AttemptTimeoutMax));
            }
            catch (Exception exception) when (IsTransient(exception) && Remaining >= RepeatPause + AttemptTimeoutMin)
            {
                GatewayMetrics.GrainCall(GrainCallPolicy.Repeatable, GrainCallOutcome.Repeated);
                LogRepeat(logger, attempt, exception.GetType().Name, exception.Message);
            }
            catch (Exception exception)
            {
                GatewayMetrics.GrainCall(GrainCallPolicy.Repeatable, Unanswered(exception));
                throw;
            }

            await Task.Delay(RepeatPause, clock);
        }
    }

    /// <summary>Runs <paramref name="call"/> once, failing with a <see cref="TimeoutException"/> if it is not answered within the request's budget.</summary>
    public async Task<T> OnceAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var remaining = RemainingOrThrow(GrainCallPolicy.Once);
        try
        {
            return Answered(GrainCallPolicy.Once, await WithDeadlineAsync(call, remaining));
        }
        catch (Exception exception)
        {
            GatewayMetrics.GrainCall(GrainCallPolicy.Once, Unanswered(exception));
            throw;
        }
    }

    /// <summary>Runs <paramref name="call"/> once under Orleans' response timeout only: for calls that are long by design.</summary>
    public async Task<T> LongAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return Answered(GrainCallPolicy.Long, await call());
        }
        catch (Exception exception)
        {
            GatewayMetrics.GrainCall(GrainCallPolicy.Long, Unanswered(exception));
            throw;
        }
        finally
        {
            _budgetStarted = null;
        }
    }

    /// <summary>
    /// The failures after which a repeat may succeed: no answer in time, a message rejected or not deliverable (a
    /// silo known to be dead, a gateway gone or too busy), a write that lost to another activation of the same grain
    /// during a membership change, or the store failing under the call (a connection it had lost, a server restarting).
    /// Errors thrown by grain code are not among them.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is TimeoutException
        or OperationCanceledException
        or OrleansMessageRejectionException
        or ConnectionFailedException
        or GatewayTooBusyException
        or ClientNotAvailableException
        or InconsistentStateException
        || StoreUnavailableException.IsCauseOf(exception);

    /// <summary>What is left of the request's budget.</summary>
    private TimeSpan Remaining => BudgetMax - clock.GetElapsedTime(_budgetStarted ?? clock.GetTimestamp());

    private TimeSpan RemainingOrThrow(GrainCallPolicy policy)
    {
        _budgetStarted ??= clock.GetTimestamp();
        var remaining = Remaining;
        if (remaining >= AttemptTimeoutMin)
        {
            return remaining;
        }

        GatewayMetrics.GrainCall(policy, GrainCallOutcome.Unanswered);
        throw new TimeoutException($"The request's {BudgetMax.TotalMilliseconds:F0} ms for grain calls were spent before this one.");
    }

    private static T Answered<T>(GrainCallPolicy policy, T answer)
    {
        GatewayMetrics.GrainCall(policy, GrainCallOutcome.Answered);
        return answer;
    }

    /// <summary>A call without an answer: its time ran out (the edge answers 503 TIMEOUT), or it failed otherwise.</summary>
    private static GrainCallOutcome Unanswered(Exception exception) =>
        IsTransient(exception) ? GrainCallOutcome.Unanswered : GrainCallOutcome.Failed;

    private async Task<T> WithDeadlineAsync<T>(Func<Task<T>> call, TimeSpan timeout)
    {
        Task<T>? pending = null;
        try
        {
            pending = call();
            return await pending.WaitAsync(timeout, clock);
        }
        catch (TimeoutException) when (pending is { IsCompleted: false })
        {
            // The call goes on without a listener (and may still complete in its grain); its end is observed here so
            // that a late failure is not reported as unobserved.
            _ = pending.ContinueWith(static task => task.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new TimeoutException($"The grain call was not answered within {timeout.TotalMilliseconds:F0} ms.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain call attempt {Attempt} failed ({Failure}: {Message}); repeating it")]
    private static partial void LogRepeat(ILogger logger, int attempt, string failure, string message);
}
