using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>Stored state of a merchant order: the request as created, its progress, and intents not yet finished.</summary>
public sealed class MerchantOrderGrainState
{
    public MerchantOrderRequest? Request { get; set; }

    public string TradeNumber { get; set; } = "";

    public MerchantOrderStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? Payer { get; set; }

    public string? PayerCode { get; set; }

    public MerchantOrderResult? LastFailure { get; set; }

    /// <summary>How many payment attempts were started; each attempt gets its own operation ids.</summary>
    public int PaymentAttemptCount { get; set; }

    /// <summary>A payment that was authorised and may have moved money; set before the first movement.</summary>
    public PaymentIntent? Payment { get; set; }

    /// <summary>The order was paid but its notification is not yet handed to the notification grain.</summary>
    public bool NotificationPending { get; set; }

    public List<RefundEntry> Refunds { get; set; } = [];
}

/// <summary>A payment in progress: the authorised payer and the attempt whose operation ids it uses.</summary>
public sealed record PaymentIntent(int Attempt, string Payer, string? PayerCode);

/// <summary>One refund as stored.</summary>
public sealed class RefundEntry
{
    public string RefundNumber { get; set; } = "";

    public string PlatformRefundNumber { get; set; } = "";

    public long RefundFee { get; set; }

    public long RefundFen { get; set; }

    public string Subject { get; set; } = "";

    public RefundStatus Status { get; set; }

    public MerchantOrderResult? Failure { get; set; }

    public string? OperatorId { get; set; }

    public string? TerminalId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public RefundSnapshot ToSnapshot() => new(
        RefundNumber, PlatformRefundNumber, RefundFee, RefundFen, Subject, Status, Failure, OperatorId, TerminalId, RequestedAt, CompletedAt);
}
