using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Transfers;

// How a transfer's movement shows in its state.
public sealed partial class TransferGrain
{
    private sealed class Flow(TransferGrain grain) : IMovementFlow<TransferGrainState>
    {
        /// <summary>
        /// Nothing follows a transfer's outcome, so the stored intent's mark is what recovery finds: a transfer writes
        /// no reminder row (docs/design.md, section 3).
        /// </summary>
        public bool FoundByStateMark => true;

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
