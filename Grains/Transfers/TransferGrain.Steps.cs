using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Transfers;

// The money steps and state changes of TransferGrain, kept apart from its public methods. Each step is idempotent by
// operation id, so running them again after a crash (mayBeRetry) applies only what had not been applied.
public sealed partial class TransferGrain
{
    private async Task<TransferResult> RunAsync(bool mayBeRetry)
    {
        if (Current.Status == TransferStatus.Started)
        {
            var debit = await ApplyAsync(Current.Source!, "out", MovementKind.TransferOut, Current.Target, mayBeRetry);
            if (debit != AccountResult.Ok)
            {
                return await FinishAsync(TransferStatus.Failed, debit.ToTransferResult());
            }

            CrashPoints.Hit(Movements.MovementFlow.Transfer, CrashPoints.AfterDebit);
            var credit = await ApplyAsync(Current.Target, "in", MovementKind.TransferIn, Current.Source!, mayBeRetry);
            if (credit == AccountResult.Ok)
            {
                return await FinishAsync(TransferStatus.Completed, TransferResult.Ok);
            }

            // Stored before reversing: once the reversal may have happened, a resumed run must not retry the credit.
            await SaveAsync(With(TransferStatus.Reversing, credit.ToTransferResult()));
        }

        LogReversing(logger, this.GetPrimaryKeyString(), Current.Result);
        var reversal = await ApplyAsync(Current.Source!, "reversal", MovementKind.Reversal, Current.Target, mayBeRetry: true);
        if (reversal != AccountResult.Ok)
        {
            // Left in Reversing: the reminder retries until the source takes its money back.
            throw new InvalidOperationException($"Transfer {this.GetPrimaryKeyString()}: the source refused the reversal ({reversal}).");
        }

        return await FinishAsync(TransferStatus.Failed, Current.Result);
    }

    private Task<AccountResult> ApplyAsync(string account, string step, MovementKind kind, string counterparty, bool mayBeRetry) =>
        GrainFactory.GetGrain<IAccountGrain>(account).ApplyAsync(new AccountMovement(
            $"{Reference}:{step}", kind, Current.AmountFen, counterparty, Reference, Password: null, MayBeRetry: mayBeRetry));

    /// <summary>
    /// Stores the outcome and drops the reminder, issued together so they usually share one group commit. Every
    /// account movement is settled by now, so a crash between the two commits cannot leave money half-moved: at worst
    /// (PostgreSQL may commit the drop first) the record stays unfinished without a reminder, which no balance or
    /// reconciliation sees, and a retry of its request id finishes it without moving money again.
    /// </summary>
    private async Task<TransferResult> FinishAsync(TransferStatus status, TransferResult result)
    {
        var saving = SaveAsync(With(status, result));
        var dropping = DropReminderAsync();
        try
        {
            await Task.WhenAll(saving, dropping);
        }
        catch when (saving.IsFaulted)
        {
            // The outcome was refused (a conflict, a store failure) but the drop may have committed: an unfinished
            // record stays in the store, so it gets its reminder back.
            _reminder = await this.RegisterOrUpdateReminder(RecoveryReminderName, _recoveryDelay, _recoveryDelay);
            throw;
        }

        return result;
    }

    private TransferGrainState With(TransferStatus status, TransferResult result)
    {
        var next = Current.Clone();
        next.Status = status;
        next.Result = result;
        return next;
    }

    private Task SaveAsync(TransferGrainState next) => state.CommitAsync(next, DeactivateOnIdle);

    private async Task DropReminderAsync()
    {
        // The handle from this activation's registration saves a read; after a reactivation the table is asked.
        var reminder = _reminder ?? await this.GetReminder(RecoveryReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
            _reminder = null;
        }
    }
}
