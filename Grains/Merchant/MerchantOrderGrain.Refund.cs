using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Refunds: each identified by the merchant's refund number, stored as an intent before money moves, then
/// merchant → payer through the movement runner, a credit the payer refuses reversed to the merchant.
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
            // Another amount under a known number is another refund: answered without the stored one's details, whose
            // status (succ) a client could take for this request's outcome.
            return known.RefundFee == request.RefundFee
                ? RefundReplyOf(known.Failure ?? MerchantOrderResult.Ok, known)
                : new RefundReply(MerchantOrderResult.SerialRepeat, null, Snapshot());
        }

        var refusal = RefusalToRefund(request);
        if (refusal != MerchantOrderResult.Ok)
        {
            return new RefundReply(refusal, null, Snapshot());
        }

        // Checked before the refund number is claimed: a refused refund leaves its number free for the merchant to use.
        var refund = NewRefund(request);
        if (refund.RefundFen <= 0)
        {
            return new RefundReply(MerchantOrderResult.InvalidAmount, null, Snapshot());
        }

        var indexKey = MerchantIndexKeys.Refund(Request.MerchantId, request.RefundNumber);
        if (!await GrainFactory.GetGrain<IMerchantIndexGrain>(indexKey).ClaimAsync(this.GetPrimaryKeyString()))
        {
            return new RefundReply(MerchantOrderResult.SerialRepeat, null, Snapshot());
        }

        var movement = new MovementRequest(MovementFlow.MerchantRefund, refund.RefundNumber, Request.SettlementAccount, S.Payer!,
            refund.RefundFen, MovementKind.RefundOut, MovementKind.RefundIn);
        await Runner.StartAsync(movement, order => order.Refunds.Add(refund.Clone()));
        var ended = S.Refunds.Find(r => r.RefundNumber == request.RefundNumber)!;
        return RefundReplyOf(ended.Failure ?? MerchantOrderResult.Ok, ended);
    }

    /// <summary>Answers after finishing what is in flight, so a refund query never shows a refund still refunding for long.</summary>
    public async Task<RefundReply> GetRefundAsync(string refundNumber)
    {
        if (!state.RecordExists)
        {
            return new RefundReply(MerchantOrderResult.NoSuchOrder, null, null);
        }

        await RecoverAsync();
        var refund = S.Refunds.Find(r => r.RefundNumber == refundNumber);
        return refund is null
            ? new RefundReply(MerchantOrderResult.NoSuchOrder, null, Snapshot())
            : RefundReplyOf(MerchantOrderResult.Ok, refund);
    }

    private MerchantOrderResult RefusalToRefund(RefundRequest request)
    {
        if (!MoneyLimits.IsValidAmount(request.RefundFee))
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

    private RefundReply RefundReplyOf(MerchantOrderResult result, RefundEntry refund) => new(result, refund.ToSnapshot(), Snapshot());

    /// <summary>The refund <paramref name="movement"/> moves: found by its operation id, as the runner names it or as it was named before.</summary>
    private RefundEntry RefundOf(MerchantOrderGrainState order, Movement movement) => order.Refunds.Single(refund =>
        movement.OperationId == Runner.OperationIdOf(MovementFlow.MerchantRefund, refund.RefundNumber)
        || movement.OperationId == $"merchant-order:{this.GetPrimaryKeyString()}:refund:{refund.RefundNumber}");

    private void RecordRefundOutcome(MerchantOrderGrainState next, Movement movement, MovementOutcome outcome)
    {
        var failure = outcome.IsCompleted ? (MerchantOrderResult?)null : RefundFailure(outcome);
        var ended = RefundOf(next, movement);
        ended.Status = failure is null ? RefundStatus.Succeeded : RefundStatus.Failed;
        ended.Failure = failure;
        ended.CompletedAt = Now;
        var refundedFee = next.Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.RefundFee);
        next.Status = refundedFee == 0 ? MerchantOrderStatus.Paid
            : refundedFee == next.Request!.TotalFee ? MerchantOrderStatus.Refunded
            : MerchantOrderStatus.PartiallyRefunded;
    }

    /// <summary>The merchant refused the debit: the merchant's reason. The payer refused the credit: the payer's.</summary>
    private static MerchantOrderResult RefundFailure(MovementOutcome outcome) => outcome.End switch
    {
        MovementEnd.Completed => MerchantOrderResult.Ok,
        MovementEnd.DebitRefused => MerchantOrderResult.MerchantAccountRefused,
        _ => PayerRefusal(outcome.Refusal),
    };

    /// <summary>What the payer's account answered, as the order reports it.</summary>
    private static MerchantOrderResult PayerRefusal(AccountResult result) => result switch
    {
        AccountResult.InvalidAmount => MerchantOrderResult.InvalidAmount,
        AccountResult.NoSuchAccount => MerchantOrderResult.NoSuchPayer,
        AccountResult.BadPassword => MerchantOrderResult.BadPassword,
        AccountResult.AccountFrozen => MerchantOrderResult.PayerFrozen,
        AccountResult.InsufficientFunds => MerchantOrderResult.InsufficientFunds,
        AccountResult.BalanceOverflow => MerchantOrderResult.PayerBalanceOverflow,
        AccountResult.OperationIdConflict => MerchantOrderResult.SerialRepeat,
        _ => throw new InvalidOperationException($"A payer's account cannot answer {result} to a movement."),
    };
}
