using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>Outcomes of merchant order operations, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.MerchantOrderResult")]
public enum MerchantOrderResult
{
    /// <summary>Done (or had already been done by the same request).</summary>
    Ok,

    /// <summary>An amount is zero, negative, above the limit, or does not match the order.</summary>
    InvalidAmount,

    /// <summary>A field is missing or too long, or a time limit is out of range.</summary>
    InvalidRequest,

    /// <summary>No order with this number exists (or the refund number is unknown).</summary>
    NoSuchOrder,

    /// <summary>The order (or refund) number was already used for a different request.</summary>
    SerialRepeat,

    /// <summary>The order is already paid: it can no longer be paid, cancelled or closed.</summary>
    AlreadyPaid,

    /// <summary>The order was cancelled, closed or expired: it can no longer be paid.</summary>
    NotPayable,

    /// <summary>The order is past its expiry.</summary>
    Expired,

    /// <summary>Cancellation is not allowed yet (too soon after creation) or at this hour.</summary>
    CancelNotAllowedNow,

    /// <summary>A refund was asked for an order that is not paid.</summary>
    NotPaid,

    /// <summary>The refunds would exceed the paid amount.</summary>
    RefundExceedsPaid,

    /// <summary>The payer code is unknown, expired or already used.</summary>
    InvalidPayerCode,

    /// <summary>The payer account does not exist.</summary>
    NoSuchPayer,

    /// <summary>The payer's password does not match.</summary>
    BadPassword,

    /// <summary>The payer's account is frozen.</summary>
    PayerFrozen,

    /// <summary>The payer's balance is too low.</summary>
    InsufficientFunds,

    /// <summary>The merchant's settlement account refused the movement (frozen, missing, full or too poor to refund).</summary>
    MerchantAccountRefused,

    /// <summary>The payer's account could not take a refund: its balance would pass <see cref="MoneyLimits.BalanceFenMax"/>.</summary>
    PayerBalanceOverflow,

    /// <summary>
    /// The payer is the merchant's own settlement account: an order is paid by a customer, and the merchant paying
    /// itself would report a sale no money came in for (as 发起交易 refuses SAME_ACCOUNT).
    /// </summary>
    PayerIsMerchant,
}
