using Microsoft.Extensions.Logging;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>
/// The one way money moves between two accounts: store the intent, debit, credit; on a refused debit fence it at the
/// payer and store the refusal; on a refused credit store a reversing marker, fence the credit at the payee, then
/// reverse; store the outcome. Each account leg is idempotent by operation id, and a run resumes from the stored step,
/// so running a movement again after a crash, a failed write or a lost reply finishes or undoes it, never both: before
/// the marker only the debit and the credit may be retried, after it only the reversal. A refused leg leaves no trace
/// at its account, and a copy of it may still be on its way (a stale activation of the owner, a send whose reply was
/// lost): the fences make sure that none lands once the movement is ended or reversed as refused.
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
    public static Task<MovementOutcome> ResumeAsync(IMovementLegs legs, Movement movement, IMovementRecorder recorder, ILogger logger) =>
        RunAsync(legs, movement, recorder, logger, mayBeRetry: true);

    private static async Task<MovementOutcome> RunAsync(IMovementLegs legs, Movement movement, IMovementRecorder recorder, ILogger logger, bool mayBeRetry)
    {
        if (movement.Step == MovementStep.Started)
        {
            var debit = await legs.ApplyAsync(movement.From, movement.Debit(mayBeRetry));
            if (debit != AccountResult.Ok)
            {
                // Another copy of this debit may be on its way (a duplicate activation of the owner after a silo's
                // death, a send whose reply was lost) and land once the payer has the money, under an outcome that says
                // it did not. The payer fences it first; whichever reached the payer first wins there, once and for all.
                if (await legs.FenceAsync(movement.From, movement.Debit(mayBeRetry: true), debit) == LegFence.Fenced)
                {
                    CrashPoints.Hit(movement.Flow, CrashPoints.AfterRefusedDebit);
                    return await EndAsync(movement, new MovementOutcome(MovementEnd.DebitRefused, debit), recorder);
                }

                LogLegFoundApplied(logger, movement.OperationId, "debit", movement.From);
                mayBeRetry = true;
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
        if (await legs.FenceAsync(movement.To, movement.Credit(mayBeRetry: true), movement.Refusal) == LegFence.Applied)
        {
            LogLegFoundApplied(logger, movement.OperationId, "credit", movement.To);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Movement {OperationId}: the {Leg} of {Account} refused earlier was found applied when fencing it (another copy of the movement got there first); the movement goes on from it")]
    private static partial void LogLegFoundApplied(ILogger logger, string operationId, string leg, string account);
}
