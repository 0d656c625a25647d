namespace PaySim.Grains.Movements;

/// <summary>
/// A state that holds its owner's unfinished movement in <see cref="InFlight"/>, null when nothing is moving;
/// reconciliation reads that property to tell money in flight from money lost.
/// </summary>
public interface IMovementState<TState>
{
    Movement? InFlight { get; set; }

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
    /// True when the recovery reminder may be removed in the same group commit as the outcome: nothing but the state
    /// depends on it, and a crash that keeps the removal and loses the outcome leaves only settled accounts and a
    /// record that a retry of its id finishes. False when the outcome must be stored first.
    /// </summary>
    bool DisarmsWithOutcome { get; }

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
