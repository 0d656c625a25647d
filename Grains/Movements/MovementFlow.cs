using Orleans;

namespace PaySim.Grains.Movements;

/// <summary>The flows that move money between accounts, all through <see cref="MovementProtocol"/>.</summary>
[GenerateSerializer, Alias("paysim.MovementFlow")]
public enum MovementFlow
{
    /// <summary>主动转账: source → target.</summary>
    Transfer,

    /// <summary>支付交易: the trade's source → its target.</summary>
    TradePayment,

    /// <summary>A merchant order's payment: payer → the merchant's settlement account.</summary>
    MerchantPayment,

    /// <summary>A merchant order's refund: the merchant's settlement account → the payer.</summary>
    MerchantRefund,
}

/// <summary>Names of the flows as crash points and logs spell them.</summary>
public static class MovementFlows
{
    public static string Name(this MovementFlow flow) => flow switch
    {
        MovementFlow.Transfer => "transfer",
        MovementFlow.TradePayment => "trade",
        MovementFlow.MerchantPayment => "merchant-payment",
        MovementFlow.MerchantRefund => "merchant-refund",
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, "Not a movement flow."),
    };
}
