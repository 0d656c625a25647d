using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Field names of the seed's requests, and the bounds on their lengths.</summary>
public static class Fields
{
    public const string Method = "method";
    public const string Username = "username";
    public const string Password = "password";
    public const string InitBalance = "initBalance";
    public const string OpenId = "openID";
    public const string Sum = "sum";
    public const string Source = "source";
    public const string Target = "target";
    public const string TradeId = "tradeID";
    public const string TimeLimit = "timeLimit";

    /// <summary>Not in the seed: a client-chosen id that makes a retried 充值, 提现 or 主动转账 apply only once.</summary>
    public const string RequestId = "requestId";

    /// <summary>Not in the seed: 批量创建账户 opens <c>{prefix}{first}</c> … <c>{prefix}{first + count − 1}</c>.</summary>
    public const string Prefix = "prefix";

    public const string First = "first";

    public const string Count = "count";

    /// <summary>Usernames are grain keys and storage keys; 64 characters is ample for a name and keeps keys small.</summary>
    public const int UsernameLengthMax = AccountLimits.UsernameLengthMax;

    /// <summary>The account grain's bound: PBKDF2's cost grows with the input.</summary>
    public const int PasswordLengthMax = AccountLimits.PasswordLengthMax;

    /// <summary>A merchant's order number; 64 characters fits every order-number scheme seen, and it becomes a key.</summary>
    public const int TradeIdLengthMax = 64;

    /// <summary>Request ids become transfer keys and ledger operation ids; a Guid is 36 characters.</summary>
    public const int RequestIdLengthMax = RequestIds.ClientLengthMax;

    /// <summary>A WeChat openID is 28 characters; 64 leaves room for other schemes.</summary>
    public const int OpenIdLengthMax = 64;

    /// <summary>The method names are short Chinese words; anything longer is not one of them.</summary>
    public const int MethodLengthMax = 32;
}
