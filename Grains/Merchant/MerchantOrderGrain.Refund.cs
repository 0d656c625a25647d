using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Refunds: each identified by the merchant's refund number, stored as an intent before money moves, then
/// merchant → payer (RefundOut, RefundIn), with a reversal to the merchant when the payer side refuses.
/// </summary>
public sealed partial class MerchantOrderGrain
{
    /// <summary>Most refunds per order; bounds the order's state.</summary>
    public const int RefundCountMax = 50;

    public async Task<RefundReply> RefundAsync(RefundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!state.RecordExists)
        {
            return new RefundReply(MerchantOrderResult.NoSuchOrder, null, null);
        }

        await RecoverAsync();
        var known = S.Refunds.Find(r => r.RefundNumber == request.RefundNumber);
        if (known is not null)
        {
            return RefundReplyOf(known.RefundFee == request.RefundFee ? known.Failure ?? MerchantOrderResult.Ok : MerchantOrderResult.SerialRepeat, known);
        }

        var refusal = RefusalToRefund(request);
        if (refusal != MerchantOrderResult.Ok)
        {
            return new RefundReply(refusal, null, Snapshot());
        }

        var indexKey = MerchantIndexKeys.Refund(Request.MerchantId, request.RefundNumber);
        if (!await GrainFactory.GetGrain<IMerchantIndexGrain>(indexKey).ClaimAsync(this.GetPrimaryKeyString()))
        {
            return new RefundReply(MerchantOrderResult.SerialRepeat, null, Snapshot());
        }

        var refund = NewRefund(request);
        if (refund.RefundFen <= 0)
        {
            return new RefundReply(MerchantOrderResult.InvalidAmount, null, Snapshot());
        }

        S.Refunds.Add(refund);
        await state.WriteStateAsync();
        await UpdateRecoveryReminderAsync();
        await ContinueRefundAsync(refund, mayBeRetry: false);
        return RefundReplyOf(refund.Failure ?? MerchantOrderResult.Ok, refund);
    }

    public Task<RefundReply> GetRefundAsync(string refundNumber)
    {
        var refund = state.RecordExists ? S.Refunds.Find(r => r.RefundNumber == refundNumber) : null;
        return Task.FromResult(refund is null
            ? new RefundReply(MerchantOrderResult.NoSuchOrder, null, state.RecordExists ? Snapshot() : null)
            : RefundReplyOf(MerchantOrderResult.Ok, refund));
    }

    private MerchantOrderResult RefusalToRefund(RefundRequest request)
    {
        if (request.RefundFee is <= 0 or > MoneyLimits.AmountFenMax)
        {
            return MerchantOrderResult.InvalidAmount;
        }

        if (request.RefundNumber.Length is 0 or > RefundRequest.RefundNumberLengthMax || request.Subject.Length > MerchantOrderRequest.SubjectLengthMax)
        {
            return MerchantOrderResult.InvalidRequest;
        }

        if (S.Status is not (MerchantOrderStatus.Paid or MerchantOrderStatus.PartiallyRefunded or MerchantOrderStatus.Refunded))
        {
            return MerchantOrderResult.NotPaid;
        }

        var committedFee = S.Refunds.Where(r => r.Status != RefundStatus.Failed).Sum(r => r.RefundFee);
        if (committedFee + request.RefundFee > Request.TotalFee)
        {
            return MerchantOrderResult.RefundExceedsPaid;
        }

        return S.Refunds.Count >= RefundCountMax ? MerchantOrderResult.InvalidRequest : MerchantOrderResult.Ok;
    }

    /// <summary>
    /// Converts the refund to fen in proportion to the order, from the cumulative total, so that refunds adding up to
    /// the whole order return exactly the fen paid, whatever the rounding of each part.
    /// </summary>
    private RefundEntry NewRefund(RefundRequest request)
    {
        var committed = S.Refunds.Where(r => r.Status != RefundStatus.Failed).ToList();
        var feeAfter = committed.Sum(r => r.RefundFee) + request.RefundFee;
        var fenAfter = (long)((Int128)feeAfter * Request.AmountFen / Request.TotalFee);
        return new RefundEntry
        {
            RefundNumber = request.RefundNumber,
            PlatformRefundNumber = $"{S.TradeNumber}{S.Refunds.Count + 1:D2}",
            RefundFee = request.RefundFee,
            RefundFen = fenAfter - committed.Sum(r => r.RefundFen),
            Subject = request.Subject,
            Status = RefundStatus.Refunding,
            OperatorId = request.OperatorId,
            TerminalId = request.TerminalId,
            RequestedAt = timeProvider.GetUtcNow(),
        };
    }

    private async Task ContinueRefundAsync(RefundEntry refund, bool mayBeRetry)
    {
        var merchantAccount = GrainFactory.GetGrain<IAccountGrain>(Request.SettlementAccount);
        var payerAccount = GrainFactory.GetGrain<IAccountGrain>(S.Payer!);
        var debit = await merchantAccount.ApplyAsync(new AccountMovement(
            RefundOperationId(refund, "out"), MovementKind.RefundOut, refund.RefundFen, S.Payer, this.GetPrimaryKeyString(), null, mayBeRetry));
        if (debit != AccountResult.Ok)
        {
            await EndRefundAsync(refund, MerchantOrderResult.MerchantAccountRefused);
            return;
        }

        var credit = await payerAccount.ApplyAsync(new AccountMovement(
            RefundOperationId(refund, "in"), MovementKind.RefundIn, refund.RefundFen, Request.SettlementAccount, this.GetPrimaryKeyString(), null, mayBeRetry));
        if (credit != AccountResult.Ok)
        {
            var reversal = await merchantAccount.ApplyAsync(new AccountMovement(
                RefundOperationId(refund, "reversal"), MovementKind.Reversal, refund.RefundFen, S.Payer, this.GetPrimaryKeyString(), null, mayBeRetry));
            if (reversal != AccountResult.Ok)
            {
                throw new InvalidOperationException($"Reversal of refund {refund.RefundNumber} of order {this.GetPrimaryKeyString()} was refused: {reversal}.");
            }

            await EndRefundAsync(refund, MapPayerResult(credit));
            return;
        }

        await EndRefundAsync(refund, null);
    }

    private async Task EndRefundAsync(RefundEntry refund, MerchantOrderResult? failure)
    {
        refund.Status = failure is null ? RefundStatus.Succeeded : RefundStatus.Failed;
        refund.Failure = failure;
        refund.CompletedAt = timeProvider.GetUtcNow();
        var refundedFee = S.Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.RefundFee);
        S.Status = refundedFee == 0 ? MerchantOrderStatus.Paid
            : refundedFee == Request.TotalFee ? MerchantOrderStatus.Refunded
            : MerchantOrderStatus.PartiallyRefunded;
        await state.WriteStateAsync();
        await UpdateRecoveryReminderAsync();
    }

    private RefundReply RefundReplyOf(MerchantOrderResult result, RefundEntry refund) => new(result, refund.ToSnapshot(), Snapshot());

    private string RefundOperationId(RefundEntry refund, string step) => $"merchant-order:{this.GetPrimaryKeyString()}:refund:{refund.RefundNumber}:{step}";
}
