namespace PaySim.Grains.Movements;

/// <summary>
/// What the owner of a movement stores for <see cref="MovementProtocol"/>. Each method completes only once its write
/// committed, and on failure leaves the owner's memory as the store has it (<see cref="StateWrites"/>).
/// </summary>
internal interface IMovementRecorder
{
    /// <summary>Stores the intent (<see cref="MovementStep.Started"/>) with whatever schedules its recovery.</summary>
    Task StoreIntentAsync(Movement movement);

    /// <summary>Stores the reversing marker, before any reversal is sent.</summary>
    Task StoreReversingAsync(Movement movement);

    /// <summary>Stores the outcome and clears the movement; from then on the outcome is the caller's answer.</summary>
    Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome);
}
