using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// One trade (发起交易 / 支付交易 / 查询交易), keyed by the merchant's tradeID, which is unique system-wide.
/// The payer (source) pays the merchant (target) at most once, before the trade's time limit runs out.
/// </summary>
[Alias("paysim.ITradeGrain")]
public interface ITradeGrain : IGrainWithStringKey
{
    /// <summary>Creates the trade and schedules its expiry; a tradeID that already exists is <see cref="TradeResult.TradeIdTaken"/>.</summary>
    Task<TradeCreation> CreateAsync(TradeRequest request);

    /// <summary>
    /// Pays the trade from its source, authorised by the source's password. At most one payment ever succeeds;
    /// paying a paid trade answers <see cref="TradeResult.AlreadyPaid"/>.
    /// </summary>
    Task<TradeResult> PayAsync(string username, string password);

    /// <summary>Returns the trade as it is now, or null when it was never created.</summary>
    Task<TradeSnapshot?> GetSnapshotAsync();
}

/// <summary>A merchant's request to be paid <paramref name="AmountFen"/> by <paramref name="Source"/> within <paramref name="TimeLimitMinutes"/>.</summary>
[GenerateSerializer, Immutable, Alias("paysim.TradeRequest")]
public sealed record TradeRequest(string Source, string Target, long AmountFen, long TimeLimitMinutes);

/// <summary>The outcome of creating a trade; <paramref name="TransactionId"/> is set only when <paramref name="Result"/> is Ok.</summary>
[GenerateSerializer, Immutable, Alias("paysim.TradeCreation")]
public sealed record TradeCreation(TradeResult Result, string? TransactionId);

/// <summary>A trade as it is at one moment.</summary>
[GenerateSerializer, Immutable, Alias("paysim.TradeSnapshot")]
public sealed record TradeSnapshot(
    string TradeId,
    string TransactionId,
    TradeState State,
    string Source,
    string Target,
    long AmountFen,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
