using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Refunds: each identified by the merchant's refund number, stored as an intent before money moves, then
/// merchant → payer through <see cref="MovementProtocol"/>, a credit the payer refuses reversed to the merchant.
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

        var movement = new Movement(MovementFlow.MerchantRefund, RefundOperationId(refund.RefundNumber), this.GetPrimaryKeyString(),
            Request.SettlementAccount, S.Payer!, refund.RefundFen, MovementKind.RefundOut, MovementKind.RefundIn, refund.RequestedAt);
        await MovementProtocol.StartAsync(GrainFactory, movement, new RefundRecorder(this, refund));
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

    private string RefundOperationId(string refundNumber) => $"merchant-order:{this.GetPrimaryKeyString()}:refund:{refundNumber}";

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
        _ => throw new InvalidOperationException($"A payer's account cannot answer {result} to a movement."),
    };

    private sealed class RefundRecorder(MerchantOrderGrain grain, RefundEntry refund) : IMovementRecorder
    {
        public RefundRecorder(MerchantOrderGrain grain, string refundNumber)
            : this(grain, grain.S.Refunds.Find(r => r.RefundNumber == refundNumber)!)
        {
        }

        public Task StoreIntentAsync(Movement movement) => Task.WhenAll(grain.Recovery.ArmAsync(), grain.ChangeAsync(order =>
        {
            order.Refunds.Add(refund.Clone());
            order.InFlight = movement;
        }));

        public Task StoreReversingAsync(Movement movement) => grain.ChangeAsync(order => order.InFlight = movement);

        public async Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            var failure = outcome.IsCompleted ? (MerchantOrderResult?)null : RefundFailure(outcome);
            var now = grain.Now;
            await grain.ChangeAsync(order =>
            {
                var ended = order.Refunds.Find(r => r.RefundNumber == refund.RefundNumber)!;
                ended.Status = failure is null ? RefundStatus.Succeeded : RefundStatus.Failed;
                ended.Failure = failure;
                ended.CompletedAt = now;
                var refundedFee = order.Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.RefundFee);
                order.Status = refundedFee == 0 ? MerchantOrderStatus.Paid
                    : refundedFee == order.Request!.TotalFee ? MerchantOrderStatus.Refunded
                    : MerchantOrderStatus.PartiallyRefunded;
                order.InFlight = null;
            });
            await grain.DisarmRecoveryIfSettledAsync();
        }
    }
}
