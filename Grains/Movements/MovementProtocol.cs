using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>
/// The one way money moves between two accounts: store the intent, debit, credit; on a refused credit store a
/// reversing marker, then reverse; store the outcome. Each account movement is idempotent by operation id, and a run
/// resumes from the stored step, so running a movement again after a crash, a failed write or a lost reply finishes
/// or undoes it, never both: before the marker only the credit may be retried, after it only the reversal.
/// </summary>
internal static class MovementProtocol
{
    /// <summary>Stores <paramref name="movement"/>'s intent and runs it to its outcome.</summary>
    public static async Task<MovementOutcome> StartAsync(IGrainFactory grains, Movement movement, IMovementRecorder recorder)
    {
        if (movement.Step != MovementStep.Started)
        {
            throw new ArgumentException("A movement starts at its first step.", nameof(movement));
        }

        await recorder.StoreIntentAsync(movement);
        CrashPoints.Hit(movement.Flow, CrashPoints.AfterIntent);
        return await RunAsync(grains, movement, recorder, mayBeRetry: false);
    }

    /// <summary>Runs a stored movement again from its stored step (recovery, or a client's retry).</summary>
    public static Task<MovementOutcome> ResumeAsync(IGrainFactory grains, Movement movement, IMovementRecorder recorder) =>
        RunAsync(grains, movement, recorder, mayBeRetry: true);

    private static async Task<MovementOutcome> RunAsync(IGrainFactory grains, Movement movement, IMovementRecorder recorder, bool mayBeRetry)
    {
        if (movement.Step == MovementStep.Started)
        {
            var debit = await ApplyAsync(grains, movement, movement.From, "out", movement.DebitKind, movement.To, mayBeRetry);
            if (debit != AccountResult.Ok)
            {
                return await EndAsync(movement, new MovementOutcome(MovementEnd.DebitRefused, debit), recorder);
            }

            CrashPoints.Hit(movement.Flow, CrashPoints.AfterDebit);
            var credit = await ApplyAsync(grains, movement, movement.To, "in", movement.CreditKind, movement.From, mayBeRetry);
            if (credit == AccountResult.Ok)
            {
                return await EndAsync(movement, MovementOutcome.Completed, recorder);
            }

            CrashPoints.Hit(movement.Flow, CrashPoints.AfterRefusedCredit);
            movement = movement with { Step = MovementStep.Reversing, Refusal = credit };
            await recorder.StoreReversingAsync(movement);
            CrashPoints.Hit(movement.Flow, CrashPoints.AfterReversalMarker);
        }

        var reversal = await ApplyAsync(grains, movement, movement.From, "reversal", MovementKind.Reversal, movement.To, mayBeRetry: true);
        if (reversal != AccountResult.Ok)
        {
            // Left at Reversing: the owner's recovery reminder retries until the debited account takes its money back.
            throw new InvalidOperationException(
                $"{movement.Flow.Name()} {movement.OperationId}: {movement.From} refused the reversal ({reversal}); it stays in flight.");
        }

        CrashPoints.Hit(movement.Flow, CrashPoints.AfterReversal);
        return await EndAsync(movement, new MovementOutcome(MovementEnd.Reversed, movement.Refusal), recorder);
    }

    private static async Task<MovementOutcome> EndAsync(Movement movement, MovementOutcome outcome, IMovementRecorder recorder)
    {
        await recorder.StoreOutcomeAsync(movement, outcome);
        CrashPoints.Hit(movement.Flow, CrashPoints.AfterOutcome);
        return outcome;
    }

    private static Task<AccountResult> ApplyAsync(
        IGrainFactory grains, Movement movement, string account, string step, MovementKind kind, string counterparty, bool mayBeRetry) =>
        grains.GetGrain<IAccountGrain>(account).ApplyAsync(new AccountMovement(
            $"{movement.OperationId}:{step}", kind, movement.AmountFen, counterparty, movement.Reference, Password: null, mayBeRetry));
}
