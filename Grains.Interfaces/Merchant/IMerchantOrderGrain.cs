using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// One merchant order, keyed by merchant id + ":" + the merchant's order number (out_trade_no / orderid).
/// It orchestrates the money: payer → merchant settlement account on payment, back on refunds, each movement
/// idempotent and its intent persisted first so that a crash never leaves money half-moved.
/// </summary>
[Alias("paysim.IMerchantOrderGrain")]
public interface IMerchantOrderGrain : IGrainWithStringKey
{
    /// <summary>Creates the order; the same request again returns the order, a different one <see cref="MerchantOrderResult.SerialRepeat"/>.</summary>
    Task<MerchantOrderReply> CreateAsync(MerchantOrderRequest request);

    /// <summary>Pays the order from the payer's account (password or one-time payer code) to the merchant.</summary>
    Task<MerchantOrderReply> PayAsync(PayerAuthorisation payer);

    /// <summary>Cancels (撤单) an unpaid order.</summary>
    Task<MerchantOrderReply> CancelAsync();

    /// <summary>Closes (关闭) an unpaid order.</summary>
    Task<MerchantOrderReply> CloseAsync();

    /// <summary>Returns the order, or <see cref="MerchantOrderResult.NoSuchOrder"/>.</summary>
    Task<MerchantOrderReply> GetAsync();

    /// <summary>Refunds part or all of a paid order; idempotent by the merchant's refund number.</summary>
    Task<RefundReply> RefundAsync(RefundRequest request);

    /// <summary>Returns one refund of this order by the merchant's refund number.</summary>
    Task<RefundReply> GetRefundAsync(string refundNumber);
}
