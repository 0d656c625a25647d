using Microsoft.Extensions.Logging;
using PaySim.Grains.Observability;

namespace PaySim.Grains.Movements;

/// <summary>
/// The shell every flow runs its movements in, around <see cref="MovementProtocol"/>: it names the movement
/// (<see cref="MovementIds"/>), stores the intent (which the store marks for recovery to find) together with arming
/// the recovery reminder where the flow keeps one, stores the reversing marker and the outcome (which clears the
/// mark), runs what follows the outcome, disarms the reminder, and resumes an unfinished movement from a client's
/// call, a reminder tick or the silo's recovery. A flow maps its request to a <see cref="MovementRequest"/>
/// and the outcome to its state (<see cref="IMovementFlow{TState}"/>), nothing else.
/// </summary>
internal sealed partial class MovementRunner<TState>(
    string ownerKey,
    IMovementFlow<TState> flow,
    IMovementStateStore<TState> store,
    IRecoveryReminder recovery,
    IMovementLegs legs,
    TimeProvider timeProvider,
    ILogger logger)
    where TState : class, IMovementState<TState>
{
    // Fields, not captured parameters, so the nested recorder can reach them.
    private readonly IMovementFlow<TState> _flow = flow;
    private readonly IMovementStateStore<TState> _store = store;
    private readonly IRecoveryReminder _recovery = recovery;

    /// <summary>The owner's unfinished movement, null when nothing is moving.</summary>
    public Movement? InFlight => _flow.InFlightOf(_store.Current);

    /// <summary>The operation id a movement of <paramref name="flowKind"/> with <paramref name="key"/> has in this owner.</summary>
    public string OperationIdOf(MovementFlow flowKind, string key) => MovementIds.Of(flowKind, ownerKey, key);

    /// <summary>
    /// Stores the intent (with <paramref name="recordIntent"/>'s changes to the owner's state, issued together with the
    /// reminder's registration where the flow keeps one: no money moves before both are acknowledged) and runs the
    /// movement to its outcome.
    /// </summary>
    public Task<MovementOutcome> StartAsync(MovementRequest request, Action<TState> recordIntent)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (InFlight is not null)
        {
            throw new InvalidOperationException($"{ownerKey} starts a {request.Flow.Name()} while a movement is in flight; resume it first.");
        }

        var movement = new Movement(request.Flow, OperationIdOf(request.Flow, request.Key), MovementIds.Reference(request.Flow, ownerKey),
            request.From, request.To, request.AmountFen, request.DebitKind, request.CreditKind, timeProvider.GetUtcNow());
        return MovementProtocol.StartAsync(legs, movement, new Recorder(this, recordIntent), logger);
    }

    /// <summary>
    /// Finishes or undoes the unfinished movement, if any, and returns its outcome (null when nothing was in flight).
    /// A client's call (<paramref name="armFirst"/>) arms the reminder of a flow that keeps one first, unless this
    /// activation holds it: its registration may have failed alone while the intent committed, and no movement runs
    /// without one. (A stored intent is marked by its own write, so that mark cannot be missing.)
    /// </summary>
    public async Task<MovementOutcome?> ResumeAsync(bool armFirst)
    {
        if (InFlight is not { } unfinished)
        {
            return null;
        }

        LogResuming(logger, ownerKey, unfinished.Flow.Name(), unfinished.Step);
        PaySimMetrics.MovementResumed(unfinished.Flow);
        if (armFirst && ArmsReminder && !_recovery.IsArmedHere)
        {
            await _recovery.ArmAsync();
        }

        return await MovementProtocol.ResumeAsync(legs, unfinished, new Recorder(this, recordIntent: null), logger);
    }

    /// <summary>A tick of the recovery reminder: resume what is unfinished, or drop a reminder left with nothing to do.</summary>
    public async Task OnRecoveryTickAsync()
    {
        if (InFlight is not null)
        {
            await ResumeAsync(armFirst: false);
            return;
        }

        await DisarmIfSettledAsync();
    }

    /// <summary>Removes the recovery reminder once no movement and no follow-up is left unfinished.</summary>
    public Task DisarmIfSettledAsync() =>
        InFlight is null && !_flow.HasFollowUp(_store.Current) ? _recovery.DisarmAsync() : Task.CompletedTask;

    /// <summary>
    /// Whether this owner's movements hold the recovery reminder: not where the stored intent's mark is all recovery
    /// needs (the flow says so and the document store marks states).
    /// </summary>
    private bool ArmsReminder => !(_flow.FoundByStateMark && _recovery.StatesAreMarked);

    private TState Next(Movement? inFlight)
    {
        var next = _store.Current.Clone();
        next.InFlight = inFlight;
        return next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}: a {Flow} was interrupted at {Step}; resuming it")]
    private static partial void LogResuming(ILogger logger, string owner, string flow, MovementStep step);

    /// <summary>What the runner stores at each step of <see cref="MovementProtocol"/>.</summary>
    private sealed class Recorder(MovementRunner<TState> runner, Action<TState>? recordIntent) : IMovementRecorder
    {
        public Task StoreIntentAsync(Movement movement)
        {
            if (recordIntent is null)
            {
                throw new InvalidOperationException("A resumed movement has its intent stored already.");
            }

            var next = runner.Next(movement);
            recordIntent(next);
            return runner.ArmsReminder
                ? Task.WhenAll(runner._recovery.ArmAsync(), runner._store.CommitAsync(next))
                : runner._store.CommitAsync(next);
        }

        public Task StoreReversingAsync(Movement movement) => runner._store.CommitAsync(runner.Next(movement));

        public async Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            var next = runner.Next(inFlight: null);
            runner._flow.RecordOutcome(next, movement, outcome);

            // Stored first (the write also clears the state's mark): a reminder removed first, a crash in between
            // (PostgreSQL may commit two batches out of order) could leave an owner answering "in flight" with
            // nothing left to finish it. What follows and the removal are issued together; a follow-up the reminder
            // must still see through (HasFollowUp) keeps it, and the flow disarms once that is done. An owner found by
            // its state's mark armed no reminder for a movement started here; one it resumes may have been started by
            // an older version, which armed one.
            await runner._store.CommitAsync(next);
            PaySimMetrics.MovementEnded(movement.Flow, outcome.End);
            var disarming = runner.ArmsReminder || recordIntent is null ? runner.DisarmIfSettledAsync() : Task.CompletedTask;
            await Task.WhenAll(runner._flow.AfterOutcomeAsync(movement, outcome), disarming);
        }
    }
}
