using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>Ending an unpaid order: the merchant cancels (seed 001 §2.6) or closes it (§2.7), or its validity runs out.</summary>
public sealed partial class MerchantOrderGrain
{
    /// <summary>Seed 001 §2.6: an order can be cancelled 15 seconds after its creation at the earliest.</summary>
    public static readonly TimeSpan CancelNotBefore = TimeSpan.FromSeconds(15);

    /// <summary>Seed 001 §2.6: cancellation only between 1:00 and 23:00 Beijing time.</summary>
    public const int CancelFirstHour = 1;

    public const int CancelEndHour = 23;

    /// <summary>Whether this activation registered the expiry reminder of the pending order; saves registering it again.</summary>
    private bool _expiryArmed;

    public async Task<MerchantOrderReply> CancelAsync()
    {
        if (!state.RecordExists)
        {
            return new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null);
        }

        await RecoverAsync();
        await ExpireIfDueAsync();
        if (S.Status == MerchantOrderStatus.Cancelled)
        {
            // A retry of the cancel that applied (its answer lost, or answered EXCEPTION) answers as it did, as close does.
            return Reply(MerchantOrderResult.Ok);
        }

        var refusal = RefusalToEnd();
        if (refusal != MerchantOrderResult.Ok)
        {
            return Reply(refusal);
        }

        var now = timeProvider.GetUtcNow();
        var beijingHour = now.ToOffset(BeijingOffset).Hour;
        if (now - S.CreatedAt < CancelNotBefore || beijingHour < CancelFirstHour || beijingHour >= CancelEndHour)
        {
            return Reply(MerchantOrderResult.CancelNotAllowedNow);
        }

        return await EndUnpaidAsync(MerchantOrderStatus.Cancelled);
    }

    public async Task<MerchantOrderReply> CloseAsync()
    {
        if (!state.RecordExists)
        {
            return new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null);
        }

        await RecoverAsync();
        await ExpireIfDueAsync();
        if (S.Status == MerchantOrderStatus.Closed)
        {
            return Reply(MerchantOrderResult.Ok);
        }

        var refusal = RefusalToEnd();
        return refusal == MerchantOrderResult.Ok ? await EndUnpaidAsync(MerchantOrderStatus.Closed) : Reply(refusal);
    }

    private MerchantOrderResult RefusalToEnd() => S.Status switch
    {
        MerchantOrderStatus.Pending => MerchantOrderResult.Ok,
        MerchantOrderStatus.Paid or MerchantOrderStatus.PartiallyRefunded or MerchantOrderStatus.Refunded => MerchantOrderResult.AlreadyPaid,
        _ => MerchantOrderResult.NotPayable,
    };

    private async Task<MerchantOrderReply> EndUnpaidAsync(MerchantOrderStatus status)
    {
        // An order expires when its validity runs out, whenever that is written down; the snapshot shows the same time.
        var endedAt = status == MerchantOrderStatus.Expired ? S.ExpiresAt : timeProvider.GetUtcNow();
        await ChangeAsync(order =>
        {
            order.Status = status;
            order.EndedAt = endedAt;
        });
        await GrainReminders.TryUnregisterAsync(this, ExpireReminder, handle: null, logger);
        return Reply(MerchantOrderResult.Ok);
    }

    /// <summary>
    /// Stores the expiry the clock already shows (pending, nothing in flight, past its validity), so that cancel and
    /// close answer an expired order as they would once its reminder had stored it, as a payment does.
    /// </summary>
    private async Task ExpireIfDueAsync()
    {
        if (IsExpiredUnrecorded)
        {
            await EndUnpaidAsync(MerchantOrderStatus.Expired);
        }
    }

    /// <summary>
    /// Registers the expiry reminder of a pending order, due at its expiry (at once if that has passed), unless this
    /// activation did already. A crash or a failed registration can leave an order stored without it; the reminder
    /// writes down the expiry that <see cref="Snapshot"/> derives from the clock meanwhile.
    /// </summary>
    private async Task ArmExpiryAsync()
    {
        if (_expiryArmed || S.Status != MerchantOrderStatus.Pending)
        {
            return;
        }

        var dueIn = S.ExpiresAt - timeProvider.GetUtcNow();
        await this.RegisterOrUpdateReminder(ExpireReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, recoveryOptions.Value.RecoveryDelay);
        _expiryArmed = true;
    }

    /// <summary>As <see cref="ArmExpiryAsync"/> for a query, whose answer comes from the clock anyway: a failure is logged.</summary>
    private async Task TryArmExpiryAsync()
    {
        try
        {
            await ArmExpiryAsync();
        }
        catch (Exception exception)
        {
            LogExpiryNotArmed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merchant order {OrderKey}: its expiry reminder could not be registered; the next query or retried create tries again")]
    private static partial void LogExpiryNotArmed(ILogger logger, Exception exception, string orderKey);
}
