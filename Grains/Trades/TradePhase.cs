using Orleans;
namespace PaySim.Grains.Trades;

/// <summary>Where a trade is inside the grain. Stored as a number: members keep their places.</summary>
[GenerateSerializer, Alias("paysim.TradePhase")]
public enum TradePhase
{
    /// <summary>Created, waiting for its payer.</summary>
    Pending,

    /// <summary>A payment is in flight (<see cref="TradeGrainState.InFlight"/>), whatever its step.</summary>
    Paying,

    /// <summary>Written only before the one movement protocol, which keeps the step in the movement itself.</summary>
    Reversing,

    /// <summary>Paid: final.</summary>
    Paid,

    /// <summary>The time limit ran out before a payment started: final.</summary>
    Expired,
}
