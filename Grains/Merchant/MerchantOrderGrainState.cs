using Orleans;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

/// <summary>Stored state of a merchant order: the request as created, its progress, and intents not yet finished.</summary>
[GenerateSerializer, Alias("paysim.MerchantOrderGrainState")]
public sealed class MerchantOrderGrainState : IMovementState<MerchantOrderGrainState>
{
    [Id(0)]
    public MerchantOrderRequest? Request { get; set; }

    [Id(1)]
    public string TradeNumber { get; set; } = "";

    [Id(2)]
    public MerchantOrderStatus Status { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset ExpiresAt { get; set; }

    [Id(5)]
    public DateTimeOffset? PaidAt { get; set; }

    [Id(6)]
    public DateTimeOffset? EndedAt { get; set; }

    [Id(7)]
    public string? Payer { get; set; }

    [Id(8)]
    public string? PayerCode { get; set; }

    [Id(9)]
    public MerchantOrderResult? LastFailure { get; set; }

    /// <summary>How many payment attempts were started; each attempt gets its own operation ids.</summary>
    [Id(10)]
    public int PaymentAttemptCount { get; set; }

    /// <summary>The payment in flight: who pays and with which code; set with <see cref="InFlight"/>.</summary>
    [Id(11)]
    public PaymentIntent? Payment { get; set; }

    /// <summary>The order was paid but its notification is not yet handed to the notification grain.</summary>
    [Id(12)]
    public bool NotificationPending { get; set; }

    [Id(13)]
    public List<RefundEntry> Refunds { get; set; } = [];

    /// <summary>
    /// The movement in flight, the payment's or one refund's (calls run one at a time, and each first finishes what
    /// is in flight), null otherwise.
    /// </summary>
    [Id(14)]
    public Movement? InFlight { get; set; }

    /// <summary>A copy to change and commit; the refunds are copied too, since they are changed in place.</summary>
    public MerchantOrderGrainState Clone()
    {
        var copy = (MerchantOrderGrainState)MemberwiseClone();
        copy.Refunds = Refunds.ConvertAll(refund => refund.Clone());
        return copy;
    }
}

/// <summary>A payment in progress: the authorised payer and the attempt whose operation ids it uses.</summary>
[GenerateSerializer, Immutable, Alias("paysim.PaymentIntent")]
public sealed record PaymentIntent(int Attempt, string Payer, string? PayerCode);

/// <summary>One refund as stored.</summary>
[GenerateSerializer, Alias("paysim.RefundEntry")]
public sealed class RefundEntry
{
    [Id(0)]
    public string RefundNumber { get; set; } = "";

    [Id(1)]
    public string PlatformRefundNumber { get; set; } = "";

    [Id(2)]
    public long RefundFee { get; set; }

    [Id(3)]
    public long RefundFen { get; set; }

    [Id(4)]
    public string Subject { get; set; } = "";

    [Id(5)]
    public RefundStatus Status { get; set; }

    [Id(6)]
    public MerchantOrderResult? Failure { get; set; }

    [Id(7)]
    public string? OperatorId { get; set; }

    [Id(8)]
    public string? TerminalId { get; set; }

    [Id(9)]
    public DateTimeOffset RequestedAt { get; set; }

    [Id(10)]
    public DateTimeOffset? CompletedAt { get; set; }

    public RefundEntry Clone() => (RefundEntry)MemberwiseClone();

    public RefundSnapshot ToSnapshot() => new(
        RefundNumber, PlatformRefundNumber, RefundFee, RefundFen, Subject, Status, Failure, OperatorId, TerminalId, RequestedAt, CompletedAt);
}
