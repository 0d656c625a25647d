using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Trades;

// The payment steps and state changes of TradeGrain, kept apart from its public methods. Each step is idempotent by
// operation id, so running them again after a crash (mayBeRetry) applies only what had not been applied.
public sealed partial class TradeGrain
{
    private string Reference => "trade:" + this.GetPrimaryKeyString();

    private async Task<TradeResult> RunPaymentAsync(bool mayBeRetry)
    {
        if (Current.Phase == TradePhase.Paying)
        {
            var debit = await ApplyAsync(Current.Source, "out", MovementKind.PaymentOut, Current.Target, mayBeRetry);
            if (debit != AccountResult.Ok)
            {
                await ReturnToPendingAsync();
                return debit.ToTradeResult();
            }

            CrashPoints.Hit(Movements.MovementFlow.TradePayment, CrashPoints.AfterDebit);
            var credit = await ApplyAsync(Current.Target, "in", MovementKind.PaymentIn, Current.Source, mayBeRetry);
            if (credit == AccountResult.Ok)
            {
                await FinishPaidAsync();
                return TradeResult.Ok;
            }

            // Stored before reversing: once the reversal may have happened, a resumed run must not retry the credit.
            var reversing = With(TradePhase.Reversing, Current.PaymentAttempt);
            reversing.Refusal = credit.ToTradeResult();
            await SaveAsync(reversing);
        }

        LogReversing(logger, this.GetPrimaryKeyString(), Current.Refusal);
        var reversal = await ApplyAsync(Current.Source, "reversal", MovementKind.Reversal, Current.Target, mayBeRetry: true);
        if (reversal != AccountResult.Ok)
        {
            // Left in Reversing: the reminder retries until the payer takes its money back.
            throw new InvalidOperationException($"Trade {this.GetPrimaryKeyString()}: the payer refused the reversal ({reversal}).");
        }

        var refusal = Current.Refusal;
        await ReturnToPendingAsync();
        return refusal;
    }

    /// <summary>The checks before a payment, in the precedence order of <see cref="TradeResult"/>: the trade's own first, then the accounts.</summary>
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
        var passwordCheck = await Account(Current.Source).VerifyPasswordAsync(password);
        return passwordCheck != AccountResult.Ok
            ? passwordCheck.ToTradeResult()
            : (await Account(Current.Target).GetSnapshotAsync()).ToParticipation().ToTradeResult();
    }

    private Task<AccountResult> ApplyAsync(string account, string step, MovementKind kind, string counterparty, bool mayBeRetry) =>
        Account(account).ApplyAsync(new AccountMovement(
            $"{Reference}:{Current.PaymentAttempt}:{step}", kind, Current.AmountFen, counterparty, Reference,
            Password: null, MayBeRetry: mayBeRetry));

    /// <summary>
    /// Stores Paid, then drops the reminder. Not issued together as the intent is: on PostgreSQL two writes issued
    /// together may commit in either order, and a crash after the drop but before Paid would leave a paid trade that
    /// answers pending to queries with nothing to finish it until its payer tries again.
    /// </summary>
    private async Task FinishPaidAsync()
    {
        await SaveAsync(With(TradePhase.Paid, Current.PaymentAttempt));
        await DropReminderAsync();
    }

    private async Task ReturnToPendingAsync()
    {
        await SaveAsync(With(TradePhase.Pending, Current.PaymentAttempt));
        await ScheduleExpiryAsync();
    }

    private async Task ExpireAsync()
    {
        if (Current.Phase != TradePhase.Expired)
        {
            await SaveAsync(With(TradePhase.Expired, Current.PaymentAttempt));
        }

        await DropReminderAsync();
    }

    /// <summary>Puts the reminder back on the expiry time after it was moved to resume a payment.</summary>
    private async Task ScheduleExpiryAsync()
    {
        var untilExpiry = Current.ExpiresAt - Now;
        _reminder = await this.RegisterOrUpdateReminder(ReminderName, untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.Zero, _recoveryDelay);
    }

    private TradeGrainState With(TradePhase phase, int paymentAttempt)
    {
        var next = Current.Clone();
        next.Phase = phase;
        next.PaymentAttempt = paymentAttempt;
        return next;
    }

    private Task SaveAsync(TradeGrainState next) => state.CommitAsync(next, DeactivateOnIdle);

    private async Task DropReminderAsync()
    {
        // The handle from this activation's registration saves a read; after a reactivation the table is asked.
        var reminder = _reminder ?? await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
            _reminder = null;
        }
    }
}
