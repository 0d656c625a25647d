using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Wire;

/// <summary>
/// Every wire string of the two merchant APIs: seed 001's return codes and order states, seed 002's statuses.
/// Codes the seed's dictionary lacks (a payer's balance, a wrong password) are coined in its style and listed in
/// docs/merchant-apis.md.
/// </summary>
public static class MerchantResultCodes
{
    public const string Success = "SUCCESS";
    public const string Fail = "FAIL";
    public const string Ok = "OK";
    public const string IllegalParameter = "ILLEGAL_PARAMETER";
    public const string InvalidSign = "INVALID_SIGN";
    public const string AmountError = "AMT_ERROR";
    public const string InvalidContract = "INVALID_CONTRACT";
    public const string UnregisteredMerchant = "UNREGISTERED_BUSI";
    public const string Exception = "EXCEPTION";
    public const string ChargeNonexistent = "CHARGE_NONEXISTENT";
    public const string AlreadyRevoked = "AREADY_REVOKED";
    public const string SerialRepeat = "SERIAL_REPEAT";
    public const string OrderPaid = "ORDER_PAID";
    public const string OrderClosed = "ORDER_CLOSED";
    public const string OrderExpired = "ORDER_EXPIRED";
    public const string OrderNotPaid = "ORDER_NOT_PAID";
    public const string CancelNotAllowed = "CANCEL_NOT_ALLOWED";
    public const string AuthCodeInvalid = "AUTH_CODE_INVALID";
    public const string PayerNonexistent = "PAYER_NONEXISTENT";
    public const string PasswordError = "PASSWORD_ERROR";
    public const string PayerFrozen = "PAYER_FROZEN";
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string PayerBalanceOverflow = "PAYER_BALANCE_OVERFLOW";
    public const string PayerIsMerchant = "PAYER_IS_MERCHANT";

    /// <summary>seed 001 credit field: PaySim pays from account balances.</summary>
    public const string CreditBalance = "balance";

    /// <summary>seed 001 §2.8 trade_status values.</summary>
    public const string RefundSucceeded = "succ";
    public const string RefundFailed = "fail";
    public const string Refunding = "refunding";

    /// <summary>seed 001 return_msg for an order operation outcome.</summary>
    public static string FufuCode(MerchantOrderResult result, MerchantOrderStatus? status) => result switch
    {
        MerchantOrderResult.Ok => Ok,
        MerchantOrderResult.InvalidAmount => AmountError,
        MerchantOrderResult.InvalidRequest => IllegalParameter,
        MerchantOrderResult.NoSuchOrder => ChargeNonexistent,
        MerchantOrderResult.SerialRepeat => SerialRepeat,
        MerchantOrderResult.AlreadyPaid => OrderPaid,
        MerchantOrderResult.NotPayable => status == MerchantOrderStatus.Closed ? OrderClosed : AlreadyRevoked,
        MerchantOrderResult.Expired => OrderExpired,
        MerchantOrderResult.CancelNotAllowedNow => CancelNotAllowed,
        MerchantOrderResult.NotPaid => OrderNotPaid,
        MerchantOrderResult.RefundExceedsPaid => AmountError,
        MerchantOrderResult.InvalidPayerCode => AuthCodeInvalid,
        MerchantOrderResult.NoSuchPayer => PayerNonexistent,
        MerchantOrderResult.BadPassword => PasswordError,
        MerchantOrderResult.PayerFrozen => PayerFrozen,
        MerchantOrderResult.InsufficientFunds => InsufficientFunds,
        MerchantOrderResult.MerchantAccountRefused => InvalidContract,
        MerchantOrderResult.PayerBalanceOverflow => PayerBalanceOverflow,
        MerchantOrderResult.PayerIsMerchant => PayerIsMerchant,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    /// <summary>seed 001 appendix 3.4 order state number.</summary>
    public static int FufuState(MerchantOrderStatus status) => status switch
    {
        MerchantOrderStatus.Pending => 0,
        MerchantOrderStatus.Paid => 1,
        MerchantOrderStatus.Cancelled or MerchantOrderStatus.Expired => 2,
        MerchantOrderStatus.PartiallyRefunded => 4,
        MerchantOrderStatus.Refunded => 5,
        MerchantOrderStatus.Closed => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>seed 001 §2.8 trade_status of a refund.</summary>
    public static string RefundStatusCode(RefundStatus status) => status switch
    {
        RefundStatus.Refunding => Refunding,
        RefundStatus.Succeeded => RefundSucceeded,
        RefundStatus.Failed => RefundFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>seed 002 §1.4 status: -2 query failed, -1 waiting, 0 paid, 1 timed out (any unpaid end).</summary>
    public static string AggregatorStatus(MerchantOrderStatus? status) => status switch
    {
        null => "-2",
        MerchantOrderStatus.Pending => "-1",
        MerchantOrderStatus.Paid or MerchantOrderStatus.PartiallyRefunded or MerchantOrderStatus.Refunded => "0",
        _ => "1",
    };
}
