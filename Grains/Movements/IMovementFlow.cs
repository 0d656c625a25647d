using PaySim.Grains.Persistence;

namespace PaySim.Grains.Movements;

/// <summary>
/// A state that holds its owner's unfinished movement in <see cref="InFlight"/>, null when nothing is moving;
/// reconciliation reads that property to tell money in flight from money lost, and the store marks the row while it
/// is set (<see cref="IMovementMarkedState"/>).
/// </summary>
public interface IMovementState<TState> : IMovementMarkedState
{
    Movement? InFlight { get; set; }

    bool IMovementMarkedState.HasMovementInFlight => InFlight is not null;

    /// <summary>A copy to change and commit, so that a failed write can leave memory as the store has it.</summary>
    TState Clone();
}

/// <summary>
/// What a flow (transfer, trade, merchant order) tells <see cref="MovementRunner{TState}"/>: how a movement's outcome
/// shows in its own state, and what follows it. Everything else (ids, the intent, the marker, the reminder, resuming)
/// is the runner's.
/// </summary>
internal interface IMovementFlow<TState>
    where TState : class, IMovementState<TState>
{
    /// <summary>
    /// True when, wherever the store marks a state holding a movement in flight (<see cref="IMovementMarkedState"/>,
    /// <see cref="IRecoveryMarkers.StatesAreMarked"/>), that mark is all recovery needs: the intent's write marks the
    /// row and the outcome's write clears the mark, and no recovery reminder is armed, so neither step costs a row of
    /// its own. False when the flow keeps the recovery reminder, armed with the intent and removed only after the
    /// outcome is stored, because it sees through work that follows the outcome (<see cref="HasFollowUp"/>).
    /// </summary>
    bool FoundByStateMark { get; }

    /// <summary>The movement in flight in <paramref name="state"/>; a flow with rows from before the protocol maps those here.</summary>
    Movement? InFlightOf(TState state) => state.InFlight;

    /// <summary>Writes <paramref name="outcome"/> into <paramref name="next"/>, a copy about to be committed with no movement in flight.</summary>
    void RecordOutcome(TState next, Movement movement, MovementOutcome outcome);

    /// <summary>What follows a stored outcome (dropping an expiry reminder, handing over a notification); never throws.</summary>
    Task AfterOutcomeAsync(Movement movement, MovementOutcome outcome) => Task.CompletedTask;

    /// <summary>Whether <paramref name="state"/> holds work other than a movement that the recovery reminder must still finish.</summary>
    bool HasFollowUp(TState state) => false;
}

/// <summary>Where the owner's state is kept: the current copy, and a commit that on failure leaves memory as stored.</summary>
internal interface IMovementStateStore<TState>
{
    TState Current { get; }

    Task CommitAsync(TState next);
}
