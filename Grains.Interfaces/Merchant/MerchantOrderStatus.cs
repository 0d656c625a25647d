using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>The life of a merchant order (seed 001 appendix 3.4; the edge maps these to the wire numbers).</summary>
[GenerateSerializer, Alias("paysim.MerchantOrderStatus")]
public enum MerchantOrderStatus
{
    /// <summary>Created, waiting for the payer (待付款).</summary>
    Pending,

    /// <summary>Paid, nothing refunded (已付款).</summary>
    Paid,

    /// <summary>Cancelled by the merchant before payment (已撤单).</summary>
    Cancelled,

    /// <summary>Not paid before its expiry; cancelled by PaySim (已撤单 / 支付超时).</summary>
    Expired,

    /// <summary>Closed by the merchant before payment, or a failed synchronous payment (交易关闭).</summary>
    Closed,

    /// <summary>Paid, part of it refunded (部分退款).</summary>
    PartiallyRefunded,

    /// <summary>Paid, all of it refunded (已退款).</summary>
    Refunded,
}
