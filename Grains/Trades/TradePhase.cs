using Orleans;
namespace PaySim.Grains.Trades;

/// <summary>Where a trade is inside the grain; Paying and Reversing show as pending to clients until they finish.</summary>
[GenerateSerializer, Alias("paysim.TradePhase")]
public enum TradePhase
{
    /// <summary>Created, waiting for its payer.</summary>
    Pending,

    /// <summary>A payment's intent is stored; the debit and credit may or may not have been applied.</summary>
    Paying,

    /// <summary>The payer was debited and the merchant refused the credit; the debit is being reversed.</summary>
    Reversing,

    /// <summary>Paid: final.</summary>
    Paid,

    /// <summary>The time limit ran out before a payment started: final.</summary>
    Expired,
}
