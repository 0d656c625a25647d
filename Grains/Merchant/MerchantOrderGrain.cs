using System.Security.Cryptography;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// A merchant order: creation, cancel, close, expiry and queries here; payment and refunds in the other parts.
/// It calls accounts, payer codes, indexes and its notification grain; none of those ever calls an order.
/// </summary>
public sealed partial class MerchantOrderGrain(
    [PersistentState("order")] IPersistentState<MerchantOrderGrainState> state,
    TimeProvider timeProvider) : Grain, IMerchantOrderGrain, IRemindable
{
    /// <summary>Longest validity of an order: seed 001 accepts time_expire up to 1440 minutes.</summary>
    public static readonly TimeSpan ValidForMax = TimeSpan.FromDays(1);

    /// <summary>Seed 001 §2.6: an order can be cancelled 15 seconds after its creation at the earliest.</summary>
    public static readonly TimeSpan CancelNotBefore = TimeSpan.FromSeconds(15);

    /// <summary>Seed 001 §2.6: cancellation only between 1:00 and 23:00 Beijing time.</summary>
    public const int CancelFirstHour = 1;

    public const int CancelEndHour = 23;

    /// <summary>Beijing time, which trade numbers and the cancel window use.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    private const string ExpireReminder = "expire";
    private const string RecoverReminder = "recover";
    private const int TradeNumberAttemptMax = 8;
    private static readonly TimeSpan RecoverPeriod = TimeSpan.FromMinutes(1);

    private MerchantOrderGrainState S => state.State;

    private MerchantOrderRequest Request => S.Request!;

    public async Task<MerchantOrderReply> CreateAsync(MerchantOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.RecordExists)
        {
            return Reply(request == Request ? MerchantOrderResult.Ok : MerchantOrderResult.SerialRepeat);
        }

        var invalid = Validate(request);
        if (invalid != MerchantOrderResult.Ok)
        {
            return new MerchantOrderReply(invalid, null);
        }

        var now = timeProvider.GetUtcNow();
        var tradeNumber = await ClaimTradeNumberAsync(now);
        state.State = new MerchantOrderGrainState
        {
            Request = request,
            TradeNumber = tradeNumber,
            Status = MerchantOrderStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + request.ValidFor,
        };
        await state.WriteStateAsync();
        await RegisterOrUpdateReminder(ExpireReminder, request.ValidFor, RecoverPeriod);
        return Reply(MerchantOrderResult.Ok);
    }

    public Task<MerchantOrderReply> GetAsync() => Task.FromResult(
        state.RecordExists ? Reply(MerchantOrderResult.Ok) : new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null));

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

    private MerchantOrderResult RefusalToEnd() => S.Status switch
    {
        MerchantOrderStatus.Pending => MerchantOrderResult.Ok,
        MerchantOrderStatus.Paid or MerchantOrderStatus.PartiallyRefunded or MerchantOrderStatus.Refunded => MerchantOrderResult.AlreadyPaid,
        _ => MerchantOrderResult.NotPayable,
    };

    private async Task<MerchantOrderReply> EndUnpaidAsync(MerchantOrderStatus status)
    {
        S.Status = status;
        S.EndedAt = timeProvider.GetUtcNow();
        await state.WriteStateAsync();
        await DropReminderAsync(ExpireReminder);
        return Reply(MerchantOrderResult.Ok);
    }

    private async Task DropReminderAsync(string reminderName)
    {
        var reminder = await GetReminder(reminderName);
        if (reminder is not null)
        {
            await UnregisterReminder(reminder);
        }
    }

    /// <summary>Keeps the recovery reminder exactly while some intent or notification is unfinished.</summary>
    private async Task UpdateRecoveryReminderAsync()
    {
        var unfinished = S.Payment is not null || S.NotificationPending || S.Refunds.Exists(r => r.Status == RefundStatus.Refunding);
        if (unfinished)
        {
            await RegisterOrUpdateReminder(RecoverReminder, RecoverPeriod, RecoverPeriod);
        }
        else
        {
            await DropReminderAsync(RecoverReminder);
        }
    }

    private async Task<string> ClaimTradeNumberAsync(DateTimeOffset now)
    {
        for (var attempt = 0; attempt < TradeNumberAttemptMax; attempt++)
        {
            // Shaped like the seed's examples: date + 12 digits; random so numbers reveal nothing about volumes.
            var candidate = now.ToOffset(BeijingOffset).ToString("yyyyMMdd") + RandomNumberGenerator.GetString("0123456789", 12);
            if (await GrainFactory.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade(candidate)).ClaimAsync(GrainKey))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No free trade number after {TradeNumberAttemptMax} attempts.");
    }

    private static MerchantOrderResult Validate(MerchantOrderRequest request)
    {
        if (request.TotalFee is <= 0 or > MoneyLimits.AmountFenMax || request.AmountFen is <= 0 or > MoneyLimits.AmountFenMax)
        {
            return MerchantOrderResult.InvalidAmount;
        }

        var fieldsValid = request.OrderNumber.Length is > 0 and <= MerchantOrderRequest.OrderNumberLengthMax
            && request.Subject.Length <= MerchantOrderRequest.SubjectLengthMax
            && request.ValidFor > TimeSpan.Zero && request.ValidFor <= ValidForMax
            && request.SettlementAccount.Length > 0;
        return fieldsValid ? MerchantOrderResult.Ok : MerchantOrderResult.InvalidRequest;
    }

    private MerchantOrderReply Reply(MerchantOrderResult result) => new(result, Snapshot());

    private MerchantOrderSnapshot Snapshot()
    {
        var succeeded = S.Refunds.Where(r => r.Status == RefundStatus.Succeeded).ToList();
        return new MerchantOrderSnapshot(
            Request.MerchantId, Request.OrderNumber, S.TradeNumber, Request.Channel, S.Status, Request.TotalFee, Request.Currency,
            Request.ExchangeRate, Request.AmountFen, succeeded.Sum(r => r.RefundFee), succeeded.Sum(r => r.RefundFen), Request.Subject,
            Request.NotifyUrl, Request.Echo, S.Payer, S.PayerCode, S.LastFailure, S.CreatedAt, S.ExpiresAt, S.PaidAt, S.EndedAt);
    }
}
