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

    public async Task<MerchantOrderReply> CancelAsync()
    {
        if (!state.RecordExists)
        {
            return new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null);
        }

        await RecoverAsync();
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
        var now = timeProvider.GetUtcNow();
        await ChangeAsync(order =>
        {
            order.Status = status;
            order.EndedAt = now;
        });
        await GrainReminders.TryUnregisterAsync(this, ExpireReminder, handle: null, logger);
        return Reply(MerchantOrderResult.Ok);
    }
}
