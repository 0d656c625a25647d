using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Trades;

// The payment's checks, and how its movement shows in the trade's state.
public sealed partial class TradeGrain
{
    /// <summary>The checks before a payment, in the precedence order of <see cref="TradeResult"/>: the trade's own first, then the payer.</summary>
    private async Task<TradeResult> CheckPayableAsync(string password)
    {
        if (Current.Phase == TradePhase.Paid)
        {
            return TradeResult.AlreadyPaid;
        }

        if (Current.Phase == TradePhase.Expired || Now >= Current.ExpiresAt)
        {
            await ExpireAsync();
            return TradeResult.TradeExpired;
        }

        // Checked before the intent is stored, so a stored intent is an authorised one and recovery needs no password.
        // The merchant is not checked here: it refuses a credit itself, and the protocol reverses the debit.
        return (await Account(Current.Source).VerifyPasswordAsync(password)).ToResult<TradeResult>();
    }

    private async Task ExpireAsync()
    {
        if (Current.Phase != TradePhase.Expired)
        {
            await SaveAsync(With(TradePhase.Expired, inFlight: null));
        }

        await DropExpiryReminderAsync();
    }

    /// <summary>Drops the expiry reminder of an ended trade.</summary>
    private async Task DropExpiryReminderAsync()
    {
        var handle = _expiry;
        _expiry = null;
        await GrainReminders.TryUnregisterAsync(this, ExpiryReminder, handle, logger);
    }

    private TradeGrainState With(TradePhase phase, Movement? inFlight)
    {
        var next = Current.Clone();
        next.Phase = phase;
        next.InFlight = inFlight;
        return next;
    }

    private Task SaveAsync(TradeGrainState next) => state.CommitAsync(next, DeactivateOnIdle);

    private sealed class Flow(TradeGrain grain) : IMovementFlow<TradeGrainState>
    {
        /// <summary>
        /// What follows a payment's outcome (dropping the expiry reminder) needs no recovery reminder: the expiry
        /// reminder itself finds the trade ended and drops itself. So the stored intent's mark is what recovery finds.
        /// </summary>
        public bool FoundByStateMark => true;

        /// <summary>
        /// A trade stored before the one movement protocol has its step in <see cref="TradeGrainState.Phase"/>; its
        /// operation ids already had the attempt number, so it resumes as such.
        /// </summary>
        public Movement? InFlightOf(TradeGrainState state) => state.InFlight ?? (state.Phase is TradePhase.Paying or TradePhase.Reversing
            ? new Movement(MovementFlow.TradePayment, $"{grain.LegacyReference}:{state.PaymentAttempt}", grain.LegacyReference, state.Source,
                state.Target, state.AmountFen, MovementKind.PaymentOut, MovementKind.PaymentIn, state.CreatedAt,
                state.Phase == TradePhase.Reversing ? MovementStep.Reversing : MovementStep.Started, state.Refusal.ToAccountResult())
            : null);

        /// <summary>Paid, or back to pending: the payer lost nothing and the time limit still applies.</summary>
        public void RecordOutcome(TradeGrainState next, Movement movement, MovementOutcome outcome) =>
            next.Phase = outcome.IsCompleted ? TradePhase.Paid : TradePhase.Pending;

        /// <summary>A paid trade has ended: its expiry reminder goes. Never fails the call: the outcome is the answer.</summary>
        public Task AfterOutcomeAsync(Movement movement, MovementOutcome outcome) =>
            outcome.IsCompleted ? grain.DropExpiryReminderAsync() : Task.CompletedTask;
    }

    /// <summary>The reference of a trade stored before the movement runner named movements.</summary>
    private string LegacyReference => "trade:" + this.GetPrimaryKeyString();
}
