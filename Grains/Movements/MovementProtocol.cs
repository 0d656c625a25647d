using Microsoft.Extensions.Logging;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>
/// The one way money moves between two accounts: store the intent, debit, credit; on a refused credit store a
/// reversing marker, fence the credit at the payee, then reverse; store the outcome. Each account leg is idempotent
/// by operation id, and a run resumes from the stored step, so running a movement again after a crash, a failed write
/// or a lost reply finishes or undoes it, never both: before the marker only the credit may be retried, after it only
/// the reversal, and the fence makes sure that no stale or late copy of the credit lands once the reversal may run.
/// A resumed run stores its step again before its debit, so that no stale copy sends a debit another copy was refused.
/// </summary>
internal static partial class MovementProtocol
{
    /// <summary>Stores <paramref name="movement"/>'s intent and runs it to its outcome.</summary>
    public static async Task<MovementOutcome> StartAsync(IMovementLegs legs, Movement movement, IMovementRecorder recorder, ILogger logger)
    {
        if (movement.Step != MovementStep.Started)
        {
            throw new ArgumentException("A movement starts at its first step.", nameof(movement));
        }

        await recorder.StoreIntentAsync(movement);
        CrashPoints.Hit(movement.Flow, CrashPoints.AfterIntent);
        return await RunAsync(legs, movement, recorder, logger, mayBeRetry: false);
    }

    /// <summary>Runs a stored movement again from its stored step (recovery, or a client's retry).</summary>
    public static async Task<MovementOutcome> ResumeAsync(IMovementLegs legs, Movement movement, IMovementRecorder recorder, ILogger logger)
    {
        if (movement.Step == MovementStep.Started)
        {
            // A refused debit leaves no trace at the payer: the copy that was refused stores the outcome, and a copy
            // still holding the intent (a duplicate activation after a silo's death, one that read the row before that
            // outcome) would send the same debit again, and once the payer has the money it would land under an
            // outcome that says it did not. Its own write, checked against the stored version, stops it first.
            await recorder.StoreResumingAsync(movement);
        }

        return await RunAsync(legs, movement, recorder, logger, mayBeRetry: true);
    }

    private static async Task<MovementOutcome> RunAsync(IMovementLegs legs, Movement movement, IMovementRecorder recorder, ILogger logger, bool mayBeRetry)
    {
        if (movement.Step == MovementStep.Started)
        {
            var debit = await legs.ApplyAsync(movement.From, movement.Debit(mayBeRetry));
            if (debit != AccountResult.Ok)
            {
                return await EndAsync(movement, new MovementOutcome(MovementEnd.DebitRefused, debit), recorder);
            }

            CrashPoints.Hit(movement.Flow, CrashPoints.AfterDebit);
            var credit = await legs.ApplyAsync(movement.To, movement.Credit(mayBeRetry));
            if (credit == AccountResult.Ok)
            {
                return await EndAsync(movement, MovementOutcome.Completed, recorder);
            }

            CrashPoints.Hit(movement.Flow, CrashPoints.AfterRefusedCredit);
            movement = movement with { Step = MovementStep.Reversing, Refusal = credit };
            await recorder.StoreReversingAsync(movement);
            CrashPoints.Hit(movement.Flow, CrashPoints.AfterReversalMarker);
        }

        // From here on the credit may have been refused by one copy of this movement and be in flight from another (a
        // stale activation, a retry that waited on a journal read): the payee fences it first. Whichever reached the
        // payee first wins there, once and for all: an applied credit completes the movement, a fenced one is reversed.
        if (await legs.FenceCreditAsync(movement.To, movement.Credit(mayBeRetry: true)) == CreditFence.CreditApplied)
        {
            LogCreditFoundApplied(logger, movement.OperationId, movement.To);
            return await EndAsync(movement, MovementOutcome.Completed, recorder);
        }

        var reversal = await legs.ApplyAsync(movement.From, movement.Reversal());
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Movement {OperationId}: the credit of {Payee} refused earlier was found applied when fencing it; the movement is completed, not reversed")]
    private static partial void LogCreditFoundApplied(ILogger logger, string operationId, string payee);
}
