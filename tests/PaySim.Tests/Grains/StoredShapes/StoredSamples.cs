using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Grains.Trades;
using PaySim.Grains.Transfers;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// One fully populated sample of every stored type. The values are chosen so that no property holds its default (so a
/// property that reads back as its default shows), not to make a consistent business state: a transfer is not both
/// failed and in flight.
/// </summary>
internal static class StoredSamples
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 23, 20, 48, 35, 123, TimeSpan.Zero);

    public static IReadOnlyList<StoredShape> All { get; } =
    [
        StoredShape.State(Account()),
        StoredShape.Ledger(Line()),
        StoredShape.State(Transfer()),
        StoredShape.State(Trade()),
        StoredShape.State(MerchantOrder()),
        StoredShape.State(Merchant()),
        StoredShape.State(new MerchantIndexState { OrderKey = "m-100/order-1" }),
        StoredShape.State(Notification()),
        StoredShape.State(new PayerCodeState { Username = "alice", ExpiresAt = s_time.AddMinutes(1), RedeemedBy = "m-100/order-1" }),
    ];

    public static StoredShape Find(string name) => All.Single(shape => shape.Name == name);

    private static AccountGrainState Account() => new()
    {
        PasswordHash = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==",
        OpenId = "o7Xb2n5gYt0q",
        Status = AccountStatus.Frozen,
        BalanceFen = 12_345,
        OpenedAt = s_time,
        LastChangedAt = s_time.AddHours(1),
    };

    // Every property set, so the refusal too, which only a fence's line carries in a store.
    private static LedgerLine Line() =>
        new(MovementKind.TransferOut, -4_000, "bob", "transfer:t-1", 8_345, s_time.AddSeconds(2), AccountResult.InsufficientFunds);

    /// <summary>The movement every orchestrator sample holds in flight, a refund's, since the transfer flow is the enum's default.</summary>
    private static Movement InFlight() => new(MovementFlow.MerchantRefund, "merchantorder:m-100/order-1:refund:r-1", "merchantorder:m-100/order-1",
        "merchant-settle", "alice", 700, MovementKind.RefundOut, MovementKind.RefundIn, s_time.AddMinutes(5),
        MovementStep.Reversing, AccountResult.BalanceOverflow);

    private static TransferGrainState Transfer() => new()
    {
        Source = "alice",
        Target = "bob",
        AmountFen = 4_000,
        Status = TransferStatus.Failed,
        Result = TransferResult.AccountFrozen,
        StartedAt = s_time,
        Attempt = 2,
        InFlight = InFlight(),
    };

    private static TradeGrainState Trade() => new()
    {
        TransactionId = "202611232048350001",
        Source = "alice",
        Target = "merchant-settle",
        AmountFen = 2_500,
        Phase = TradePhase.Paying,
        CreatedAt = s_time,
        ExpiresAt = s_time.AddMinutes(30),
        PaymentAttempt = 3,
        Refusal = TradeResult.AccountFrozen,
        InFlight = InFlight(),
    };

    private static OrderEcho Echo() => new("op-7", "term-8", "store-9", "param=1", "Asia/Shanghai", "WECHAT", "payer-ref", "order info",
        "https://merchant.example/return", "281234567890123456");

    private static MerchantOrderRequest OrderRequest() => new("m-100", "order-1", "merchant-settle", MerchantOrderChannel.QrCode, 1_000, "USD",
        "7.1234", 7_123, "Tea", TimeSpan.FromMinutes(30), "https://merchant.example/notify", Echo());

    private static MerchantOrderGrainState MerchantOrder() => new()
    {
        Request = OrderRequest(),
        TradeNumber = "F202611232048350001",
        Status = MerchantOrderStatus.PartiallyRefunded,
        CreatedAt = s_time,
        ExpiresAt = s_time.AddMinutes(30),
        PaidAt = s_time.AddMinutes(1),
        EndedAt = s_time.AddMinutes(2),
        Payer = "alice",
        PayerCode = "281234567890123456",
        LastFailure = MerchantOrderResult.InsufficientFunds,
        PaymentAttemptCount = 2,
        Payment = new PaymentIntent(2, "alice", "281234567890123456"),
        NotificationPending = true,
        Refunds =
        [
            new RefundEntry
            {
                RefundNumber = "r-1",
                PlatformRefundNumber = "R202611232053350001",
                RefundFee = 100,
                RefundFen = 700,
                Subject = "Tea returned",
                Status = RefundStatus.Failed,
                Failure = MerchantOrderResult.MerchantAccountRefused,
                OperatorId = "op-7",
                TerminalId = "term-8",
                RequestedAt = s_time.AddMinutes(5),
                CompletedAt = s_time.AddMinutes(6),
            },
        ],
        InFlight = InFlight(),
    };

    private static MerchantState Merchant() => new()
    {
        Name = "Tea House",
        SettlementAccount = "merchant-settle",
        RegisteredAt = s_time,
        ProtectedKey = "v1.bm9uY2U=.a2V5",
        ProtectedToken = "v1.bm9uY2U=.dG9rZW4=",
    };

    private static MerchantNotificationState Notification() => new()
    {
        Order = new MerchantOrderSnapshot("m-100", "order-1", "F202611232048350001", MerchantOrderChannel.Aggregator,
            MerchantOrderStatus.Refunded, 1_000, "USD", "7.1234", 7_123, 900, 6_411, "Tea", "https://merchant.example/notify", Echo(),
            "alice", "281234567890123456", MerchantOrderResult.NotPayable, s_time, s_time.AddMinutes(30), s_time.AddMinutes(1),
            s_time.AddMinutes(2)),
        AttemptCount = 3,
        Delivered = true,
        GaveUp = true,
        LastAttemptAt = s_time.AddMinutes(3),
    };
}
