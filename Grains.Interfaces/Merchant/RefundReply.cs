using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>The outcome of a refund operation, the refund (when there is one) and its order.</summary>
[GenerateSerializer, Immutable, Alias("paysim.RefundReply")]
public sealed record RefundReply(MerchantOrderResult Result, RefundSnapshot? Refund, MerchantOrderSnapshot? Order);

/// <summary>One refund as it is at one moment.</summary>
[GenerateSerializer, Immutable, Alias("paysim.RefundSnapshot")]
public sealed record RefundSnapshot(
    string RefundNumber,
    string PlatformRefundNumber,
    long RefundFee,
    long RefundFen,
    string Subject,
    RefundStatus Status,
    MerchantOrderResult? Failure,
    string? OperatorId,
    string? TerminalId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The life of one refund.</summary>
[GenerateSerializer, Alias("paysim.RefundStatus")]
public enum RefundStatus
{
    /// <summary>Money is on its way back (退款中): the intent is stored, a movement is not confirmed yet.</summary>
    Refunding,

    /// <summary>The payer has the money back (退款成功).</summary>
    Succeeded,

    /// <summary>The refund could not be made; nothing moved (退款失败).</summary>
    Failed,
}
