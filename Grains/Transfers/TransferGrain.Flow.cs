using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Transfers;

// How a transfer's movement shows in its state.
public sealed partial class TransferGrain
{
    private sealed class Flow(TransferGrain grain) : IMovementFlow<TransferGrainState>
    {
        /// <summary>
        /// Both accounts are settled when the outcome is stored, so the reminder goes in the same group commit: a
        /// crash that keeps only the removal leaves a record in flight that a retry of its request id finishes
        /// without moving money again (docs/design.md, section 3).
        /// </summary>
        public bool DisarmsWithOutcome => true;

        /// <summary>
        /// A transfer stored before the one movement protocol has its step in <see cref="TransferGrainState.Status"/>
        /// and used operation ids without an attempt number; it is resumed as such.
        /// </summary>
        public Movement? InFlightOf(TransferGrainState state) =>
            state.InFlight ?? (state.Status is TransferStatus.Started or TransferStatus.Reversing && state.Source is not null
                ? new Movement(MovementFlow.Transfer, grain.LegacyReference, grain.LegacyReference, state.Source, state.Target, state.AmountFen,
                    MovementKind.TransferOut, MovementKind.TransferIn, state.StartedAt,
                    state.Status == TransferStatus.Reversing ? MovementStep.Reversing : MovementStep.Started,
                    state.Result.ToAccountResult())
                : null);

        public void RecordOutcome(TransferGrainState next, Movement movement, MovementOutcome outcome)
        {
            next.Status = outcome.IsCompleted ? TransferStatus.Completed : TransferStatus.Failed;
            next.Result = outcome.Refusal.ToResult<TransferResult>();
        }
    }

    /// <summary>The reference and operation id of a transfer stored before the movement runner named movements.</summary>
    private string LegacyReference => "transfer:" + this.GetPrimaryKeyString();
}
