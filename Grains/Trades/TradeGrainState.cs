using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Trades;

/// <summary>The stored state of one trade.</summary>
[GenerateSerializer, Alias("paysim.TradeGrainState")]
public sealed class TradeGrainState : IMovementState<TradeGrainState>
{
    /// <summary>Null until the trade is created.</summary>
    [Id(0)]
    public string? TransactionId { get; set; }

    [Id(1)]
    public string Source { get; set; } = "";

    [Id(2)]
    public string Target { get; set; } = "";

    [Id(3)]
    public long AmountFen { get; set; }

    [Id(4)]
    public TradePhase Phase { get; set; }

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Counts payment attempts; each attempt's movements have their own operation ids, since a refused one may be retried.</summary>
    [Id(7)]
    public int PaymentAttempt { get; set; }

    /// <summary>Written only before the one movement protocol: why the credit was refused, while reversing it.</summary>
    [Id(8)]
    public TradeResult Refusal { get; set; }

    /// <summary>The payment's movement while it is unfinished (<see cref="TradePhase.Paying"/>); null otherwise.</summary>
    [Id(9)]
    public Movement? InFlight { get; set; }

    public TradeGrainState Clone() => (TradeGrainState)MemberwiseClone();
}
