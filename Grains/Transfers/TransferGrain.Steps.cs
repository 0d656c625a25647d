using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Transfers;

// What a transfer stores at each step of the movement protocol.
public sealed partial class TransferGrain
{
    /// <summary>
    /// The movement in flight, if any. A transfer stored before the one movement protocol has its step in
    /// <see cref="TransferGrainState.Status"/> and used operation ids without an attempt number; it is resumed as such.
    /// </summary>
    private Movement? InFlight() => Current.InFlight ?? (Current.Status is TransferStatus.Started or TransferStatus.Reversing && Current.Source is not null
        ? new Movement(MovementFlow.Transfer, Reference, Reference, Current.Source, Current.Target, Current.AmountFen,
            MovementKind.TransferOut, MovementKind.TransferIn, Current.StartedAt,
            Current.Status == TransferStatus.Reversing ? MovementStep.Reversing : MovementStep.Started,
            Current.Result.ToAccountResult())
        : null);

    private TransferGrainState With(Movement? inFlight, TransferStatus status, TransferResult result)
    {
        var next = Current.Clone();
        next.InFlight = inFlight;
        next.Status = status;
        next.Result = result;
        return next;
    }

    private Task SaveAsync(TransferGrainState next) => state.CommitAsync(next, DeactivateOnIdle);

    private sealed class Recorder(TransferGrain grain) : IMovementRecorder
    {
        /// <summary>
        /// The intent and the reminder are issued together, so they usually share one group commit. No money moves
        /// until both are acknowledged. A crash between their commits leaves a reminder without its intent (it fires,
        /// finds nothing and disarms itself) or, on PostgreSQL whose batches may commit out of order, an intent without
        /// its reminder, which no money depends on and a retry of the request id resumes (docs/design.md, section 3).
        /// </summary>
        public Task StoreIntentAsync(Movement movement)
        {
            var next = new TransferGrainState
            {
                Source = movement.From,
                Target = movement.To,
                AmountFen = movement.AmountFen,
                Status = TransferStatus.Started,
                Result = TransferResult.Ok,
                StartedAt = movement.StartedAt,
                Attempt = grain.Current.Attempt + 1,
                InFlight = movement,
            };
            return Task.WhenAll(grain.Recovery.ArmAsync(), grain.SaveAsync(next));
        }

        public Task StoreReversingAsync(Movement movement) =>
            grain.SaveAsync(grain.With(movement, TransferStatus.Started, TransferResult.Ok));

        /// <summary>
        /// Stores the outcome and disarms the reminder together, so they usually share one group commit. Both
        /// accounts are settled by now: if the disarm commits and the outcome does not, the record stays unfinished
        /// with no money in flight, and a retry of its request id finishes it without moving money again.
        /// </summary>
        public async Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            var status = outcome.IsCompleted ? TransferStatus.Completed : TransferStatus.Failed;
            var saving = grain.SaveAsync(grain.With(null, status, ToResult(outcome)));
            var disarming = grain.Recovery.DisarmAsync();
            try
            {
                await saving;
            }
            catch
            {
                // The outcome was refused (a conflict, a store failure) and the movement is still stored as in
                // flight: it must keep a reminder.
                await disarming;
                await grain.Recovery.ArmAsync();
                throw;
            }

            await disarming;
        }
    }
}
