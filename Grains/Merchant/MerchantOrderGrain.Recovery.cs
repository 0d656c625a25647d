using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Recovery: every call, the expiry reminder, the recovery reminder (held while a movement or the notification's
/// hand-over is unfinished) and the silo at start-up first finish whatever a crash or a failure left half done; every
/// step they repeat is idempotent. A reminder left with nothing to do is dropped.
/// </summary>
public sealed partial class MerchantOrderGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists)
        {
            await GrainReminders.TryUnregisterAsync(this, reminderName, handle: null, logger);
            return;
        }

        await RecoverAsync();
        if (reminderName == Movements.RecoveryReminder.Name)
        {
            // A kill after the last write but before the reminder was dropped leaves it with nothing to do.
            await Runner.DisarmIfSettledAsync();
        }
        else if (S.Status != MerchantOrderStatus.Pending)
        {
            // Likewise for an expiry reminder that outlived the end of its order.
            await GrainReminders.TryUnregisterAsync(this, ExpireReminder, handle: null, logger);
        }
        else if (timeProvider.GetUtcNow() >= S.ExpiresAt)
        {
            await EndUnpaidAsync(MerchantOrderStatus.Expired);
        }
    }

    public async Task ResumeMovementAsync()
    {
        if (!state.RecordExists)
        {
            await GrainReminders.TryUnregisterAsync(this, Movements.RecoveryReminder.Name, handle: null, logger);
            return;
        }

        await RecoverAsync();
        await Runner.DisarmIfSettledAsync();
    }

    /// <summary>Finishes whatever a crash or a failure left unfinished: the movement in flight, then the notification.</summary>
    private async Task RecoverAsync()
    {
        await Runner.ResumeAsync(armFirst: true);
        if (S.NotificationPending)
        {
            await HandOverNotificationAsync();
        }
    }

    /// <summary>
    /// Hands the paid order to its notification grain, which stores it and schedules delivery before it answers; only
    /// then is the pending flag cleared. A failure is logged, not thrown: the order's outcome is already stored and is
    /// the caller's answer, and the recovery reminder, still armed, hands it over later.
    /// </summary>
    private async Task HandOverNotificationAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IMerchantNotificationGrain>(this.GetPrimaryKeyString()).EnqueueAsync(Snapshot());
            await ChangeAsync(order => order.NotificationPending = false);
        }
        catch (Exception exception)
        {
            LogHandOverFailed(logger, exception, this.GetPrimaryKeyString());
            return;
        }

        await Runner.DisarmIfSettledAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merchant order {OrderKey}: its notification could not be handed over; the recovery reminder retries")]
    private static partial void LogHandOverFailed(ILogger logger, Exception exception, string orderKey);
}
