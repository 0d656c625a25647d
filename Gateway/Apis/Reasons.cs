using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>The machine-readable <c>reason</c> sent with every failure, beside the seed's 失败 text.</summary>
public static class Reasons
{
    public const string MalformedJson = "MALFORMED_JSON";
    public const string BodyTooLarge = "BODY_TOO_LARGE";
    public const string BodyTimeout = "BODY_TIMEOUT";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnknownMethod = "UNKNOWN_METHOD";
    public const string MissingField = "MISSING_FIELD";
    public const string InvalidFieldType = "INVALID_FIELD_TYPE";
    public const string EmptyField = "EMPTY_FIELD";
    public const string ControlCharacter = "CONTROL_CHARACTER";
    public const string FieldTooLong = "FIELD_TOO_LONG";
    public const string InvalidInteger = "INVALID_INTEGER";
    public const string AdminTokenMissing = "ADMIN_TOKEN_MISSING";
    public const string AdminTokenInvalid = "ADMIN_TOKEN_INVALID";
    public const string AdminTokenGuessesLimited = "ADMIN_TOKEN_GUESSES_LIMITED";
    public const string NoSuchAccount = "NO_SUCH_ACCOUNT";
    public const string NoSuchTrade = "NO_SUCH_TRADE";
    public const string Timeout = "TIMEOUT";
    public const string ConcurrentUpdate = "CONCURRENT_UPDATE";
    public const string Unavailable = "UNAVAILABLE";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string RequestIdConflict = "REQUEST_ID_CONFLICT";
    public const string InvalidBatch = "INVALID_BATCH";

    public static string Of(AccountResult result) => result switch
    {
        AccountResult.InvalidAmount => "INVALID_AMOUNT",
        AccountResult.NoSuchAccount => NoSuchAccount,
        AccountResult.OperationIdConflict => RequestIdConflict,
        AccountResult.AlreadyExists => "ACCOUNT_EXISTS",
        AccountResult.BadPassword => "BAD_PASSWORD",
        AccountResult.AccountFrozen => "ACCOUNT_FROZEN",
        AccountResult.InsufficientFunds => "INSUFFICIENT_FUNDS",
        AccountResult.BalanceOverflow => "BALANCE_OVERFLOW",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a failure."),
    };

    public static string Of(TransferResult result) => result switch
    {
        TransferResult.InvalidAmount => "INVALID_AMOUNT",
        TransferResult.SameAccount => "SAME_ACCOUNT",
        TransferResult.RequestIdConflict => RequestIdConflict,
        TransferResult.NoSuchAccount => NoSuchAccount,
        TransferResult.BadPassword => "BAD_PASSWORD",
        TransferResult.AccountFrozen => "ACCOUNT_FROZEN",
        TransferResult.InsufficientFunds => "INSUFFICIENT_FUNDS",
        TransferResult.BalanceOverflow => "BALANCE_OVERFLOW",
        TransferResult.OperationIdConflict => RequestIdConflict,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a failure."),
    };

    /// <summary>The failures of issuing a payer code; redemption outcomes never reach POST /PaySim.</summary>
    public static string Of(PayerCodeResult result) => result switch
    {
        PayerCodeResult.NoSuchAccount => NoSuchAccount,
        PayerCodeResult.BadPassword => "BAD_PASSWORD",
        PayerCodeResult.AccountFrozen => "ACCOUNT_FROZEN",
        PayerCodeResult.CodeUnavailable => "PAYER_CODE_UNAVAILABLE",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a failure of issuing a payer code."),
    };

    public static string Of(TradeResult result) => result switch
    {
        TradeResult.InvalidAmount => "INVALID_AMOUNT",
        TradeResult.InvalidTimeLimit => "INVALID_TIME_LIMIT",
        TradeResult.SameAccount => "SAME_ACCOUNT",
        TradeResult.TradeIdTaken => "TRADE_ID_TAKEN",
        TradeResult.NoSuchTrade => NoSuchTrade,
        TradeResult.NoSuchAccount => NoSuchAccount,
        TradeResult.NotTradeSource => "NOT_TRADE_SOURCE",
        TradeResult.AlreadyPaid => "ALREADY_PAID",
        TradeResult.TradeExpired => "TRADE_EXPIRED",
        TradeResult.BadPassword => "BAD_PASSWORD",
        TradeResult.AccountFrozen => "ACCOUNT_FROZEN",
        TradeResult.InsufficientFunds => "INSUFFICIENT_FUNDS",
        TradeResult.BalanceOverflow => "BALANCE_OVERFLOW",
        TradeResult.OperationIdConflict => "OPERATION_ID_CONFLICT",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a failure."),
    };
}
