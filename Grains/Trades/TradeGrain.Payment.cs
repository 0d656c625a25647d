using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Trades;

// The payment's checks and what the trade stores at each step of the movement protocol.
public sealed partial class TradeGrain
{
    private string Reference => "trade:" + this.GetPrimaryKeyString();

    /// <summary>
    /// The payment in flight, if any. A trade stored before the one movement protocol has its step in
    /// <see cref="TradeGrainState.Phase"/>; its operation ids already had the attempt number, so it resumes as such.
    /// </summary>
    private Movement? InFlight() => Current.InFlight ?? (Current.Phase is TradePhase.Paying or TradePhase.Reversing
        ? new Movement(MovementFlow.TradePayment, $"{Reference}:{Current.PaymentAttempt}", Reference, Current.Source, Current.Target,
            Current.AmountFen, MovementKind.PaymentOut, MovementKind.PaymentIn, Current.CreatedAt,
            Current.Phase == TradePhase.Reversing ? MovementStep.Reversing : MovementStep.Started, Current.Refusal.ToAccountResult())
        : null);

    /// <summary>
    /// Finishes or undoes the payment in flight, if any. A client's call arms the reminder first unless this
    /// activation holds it: the registration may have failed alone while the intent committed.
    /// </summary>
    private async Task FinishInFlightAsync(bool armFirst)
    {
        if (InFlight() is not { } unfinished)
        {
            return;
        }

        LogResuming(logger, this.GetPrimaryKeyString(), unfinished.Step);
        if (armFirst && !Recovery.IsArmedHere)
        {
            await Recovery.ArmAsync();
        }

        await MovementProtocol.ResumeAsync(GrainFactory, unfinished, new Recorder(this));
    }

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

    private sealed class Recorder(TradeGrain grain) : IMovementRecorder
    {
        /// <summary>
        /// The intent and the recovery reminder are issued together, so they usually share one group commit; no money
        /// moves until both are acknowledged. If only the intent commits (PostgreSQL may commit them out of order) the
        /// expiry reminder, or the payer's retry, or a query resumes the payment.
        /// </summary>
        public Task StoreIntentAsync(Movement movement)
        {
            var next = grain.With(TradePhase.Paying, movement);
            next.PaymentAttempt++;
            return Task.WhenAll(grain.Recovery.ArmAsync(), grain.SaveAsync(next));
        }

        public Task StoreReversingAsync(Movement movement) => grain.SaveAsync(grain.With(TradePhase.Paying, movement));

        /// <summary>
        /// Paid or back to pending is stored first and the reminders are removed after: removed first, a crash in
        /// between (PostgreSQL may commit them out of order) could leave a paid trade without anything to finish it.
        /// Removing them never fails the call: the outcome is the answer.
        /// </summary>
        public async Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            await grain.SaveAsync(grain.With(outcome.IsCompleted ? TradePhase.Paid : TradePhase.Pending, inFlight: null));
            await Task.WhenAll(grain.Recovery.DisarmAsync(), outcome.IsCompleted ? grain.DropExpiryReminderAsync() : Task.CompletedTask);
        }
    }
}
