using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>The states of a trade as its clients see them.</summary>
[GenerateSerializer, Alias("paysim.TradeState")]
public enum TradeState
{
    /// <summary>Waiting for the payer (待支付); a payment in progress also shows as pending until it completes.</summary>
    Pending,

    /// <summary>Paid (已支付): the money moved from source to target.</summary>
    Paid,

    /// <summary>Expired (已超时): the time limit ran out before a payment started.</summary>
    Expired,
}
