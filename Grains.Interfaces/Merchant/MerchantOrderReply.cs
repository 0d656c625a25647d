using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>The outcome of an order operation and the order as it is afterwards (null when there is no order).</summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantOrderReply")]
public sealed record MerchantOrderReply(MerchantOrderResult Result, MerchantOrderSnapshot? Order);
