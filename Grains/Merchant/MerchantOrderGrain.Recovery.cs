using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Recovery: the expiry reminder (registered at creation) and the recovery reminder (while an intent or a
/// notification is unfinished) both finish first whatever a crash or a timeout left half done; every step they
/// repeat is idempotent. A reminder left with nothing to do is dropped.
/// </summary>
public sealed partial class MerchantOrderGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists)
        {
            await DropReminderAsync(reminderName);
            return;
        }

        await RecoverAsync();
        if (reminderName == RecoverReminder)
        {
            // A kill after the last write but before the reminder was dropped leaves it with nothing to do.
            await UpdateRecoveryReminderAsync();
        }
        else if (S.Status != MerchantOrderStatus.Pending)
        {
            // Likewise for an expiry reminder that outlived the end of its order.
            await DropReminderAsync(ExpireReminder);
        }
        else if (timeProvider.GetUtcNow() >= S.ExpiresAt)
        {
            await EndUnpaidAsync(MerchantOrderStatus.Expired);
        }
    }

    private async Task HandOverNotificationAsync()
    {
        if (S.NotificationPending)
        {
            await GrainFactory.GetGrain<IMerchantNotificationGrain>(this.GetPrimaryKeyString()).EnqueueAsync(Snapshot());
            S.NotificationPending = false;
            await state.WriteStateAsync();
        }

        await UpdateRecoveryReminderAsync();
    }

    /// <summary>Finishes whatever a crash or timeout left unfinished: the payment, the notification, refunds.</summary>
    private async Task RecoverAsync()
    {
        if (S.Payment is not null)
        {
            await ContinuePaymentAsync(password: null, mayBeRetry: true);
        }

        if (S.NotificationPending)
        {
            await HandOverNotificationAsync();
        }

        foreach (var refund in S.Refunds.Where(r => r.Status == RefundStatus.Refunding).ToList())
        {
            await ContinueRefundAsync(refund, mayBeRetry: true);
        }
    }

    private async Task DropReminderAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Keeps the recovery reminder exactly while some intent or notification is unfinished.</summary>
    private async Task UpdateRecoveryReminderAsync()
    {
        var unfinished = S.Payment is not null || S.NotificationPending || S.Refunds.Exists(r => r.Status == RefundStatus.Refunding);
        if (unfinished)
        {
            await this.RegisterOrUpdateReminder(RecoverReminder, RecoverPeriod, RecoverPeriod);
        }
        else
        {
            await DropReminderAsync(RecoverReminder);
        }
    }
}
