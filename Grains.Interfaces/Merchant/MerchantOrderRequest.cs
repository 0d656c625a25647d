using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// A new merchant order. <paramref name="TotalFee"/> is in hundredths of <paramref name="Currency"/>;
/// <paramref name="AmountFen"/> is what the payer pays in CNY fen (equal to it for CNY, converted at
/// <paramref name="ExchangeRate"/> otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantOrderRequest")]
public sealed record MerchantOrderRequest(
    string MerchantId,
    string OrderNumber,
    string SettlementAccount,
    MerchantOrderChannel Channel,
    long TotalFee,
    string Currency,
    string? ExchangeRate,
    long AmountFen,
    string Subject,
    TimeSpan ValidFor,
    string? NotifyUrl,
    OrderEcho Echo)
{
    /// <summary>Longest merchant order number (seed 001 allows 50 characters, seed 002 40 bytes).</summary>
    public const int OrderNumberLengthMax = 50;

    /// <summary>Longest subject stored (seed 001: 100 characters).</summary>
    public const int SubjectLengthMax = 100;
}

/// <summary>
/// Fields the merchant sent that PaySim only stores and returns unchanged. <paramref name="AuthCode"/>, the payer
/// code a bar-code order was sent with, is part of the order's content, so the same order number sent again with
/// another payer's code is another order (SERIAL_REPEAT), not a retry answered with the first payer's outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.OrderEcho")]
public sealed record OrderEcho(
    string? OperatorId = null,
    string? TerminalId = null,
    string? StoreId = null,
    string? MerchantParam = null,
    string? TimeZone = null,
    string? ChannelType = null,
    string? PayerReference = null,
    string? OrderInfo = null,
    string? ReturnUrl = null,
    string? AuthCode = null);
