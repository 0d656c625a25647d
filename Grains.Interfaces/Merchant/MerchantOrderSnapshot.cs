using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>A merchant order as it is at one moment. Amounts: fees in hundredths of the currency, *Fen in CNY fen.</summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantOrderSnapshot")]
public sealed record MerchantOrderSnapshot(
    string MerchantId,
    string OrderNumber,
    string TradeNumber,
    MerchantOrderChannel Channel,
    MerchantOrderStatus Status,
    long TotalFee,
    string Currency,
    string? ExchangeRate,
    long AmountFen,
    long RefundedFee,
    long RefundedFen,
    string Subject,
    string? NotifyUrl,
    OrderEcho Echo,
    string? Payer,
    string? PayerCode,
    MerchantOrderResult? LastFailure,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? EndedAt);
