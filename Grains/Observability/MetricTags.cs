using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Observability;

/// <summary>
/// The tag values of <see cref="PaySimMetrics"/>, made once: a small fixed set, so every series a dashboard or an alert
/// names exists under exactly these words, and no client text ever becomes a label.
/// </summary>
internal static class MetricTags
{
    public static readonly KeyValuePair<string, object?> Completed = new("outcome", "completed");

    public static readonly KeyValuePair<string, object?> Refused = new("outcome", "refused");

    public static readonly KeyValuePair<string, object?> Reversed = new("outcome", "reversed");

    public static readonly KeyValuePair<string, object?> Delivered = new("outcome", "delivered");

    public static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");

    private static readonly KeyValuePair<string, object?> s_transfer = new("kind", "transfer");
    private static readonly KeyValuePair<string, object?> s_tradePayment = new("kind", "trade_payment");
    private static readonly KeyValuePair<string, object?> s_merchantPayment = new("kind", "merchant_payment");
    private static readonly KeyValuePair<string, object?> s_merchantRefund = new("kind", "merchant_refund");
    private static readonly KeyValuePair<string, object?> s_deposit = new("kind", "deposit");
    private static readonly KeyValuePair<string, object?> s_withdrawal = new("kind", "withdrawal");

    public static KeyValuePair<string, object?> Kind(MovementFlow flow) => flow switch
    {
        MovementFlow.Transfer => s_transfer,
        MovementFlow.TradePayment => s_tradePayment,
        MovementFlow.MerchantPayment => s_merchantPayment,
        MovementFlow.MerchantRefund => s_merchantRefund,
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, "Not a movement flow."),
    };

    public static KeyValuePair<string, object?> Kind(MovementKind kind) => kind switch
    {
        MovementKind.Deposit => s_deposit,
        MovementKind.Withdrawal => s_withdrawal,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only deposits and withdrawals cross the system's edge."),
    };

    /// <summary>A debit refused is "refused"; a credit refused and its debit given back is "reversed".</summary>
    public static KeyValuePair<string, object?> Outcome(MovementEnd end) => end switch
    {
        MovementEnd.Completed => Completed,
        MovementEnd.DebitRefused => Refused,
        MovementEnd.Reversed => Reversed,
        _ => throw new ArgumentOutOfRangeException(nameof(end), end, "Not a movement end."),
    };
}
