using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Trades;

/// <summary>The stored state of one trade.</summary>
public sealed class TradeGrainState
{
    /// <summary>Null until the trade is created.</summary>
    public string? TransactionId { get; set; }

    public string Source { get; set; } = "";

    public string Target { get; set; } = "";

    public long AmountFen { get; set; }

    public TradePhase Phase { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Counts payment attempts; each attempt's movements have their own operation ids, since a refused one may be retried.</summary>
    public int PaymentAttempt { get; set; }

    /// <summary>Why the current attempt's credit was refused, while reversing it.</summary>
    public TradeResult Refusal { get; set; }

    public TradeGrainState Clone() => (TradeGrainState)MemberwiseClone();
}
