namespace PaySim.Gateway.Apis;

/// <summary>The values of the <c>method</c> field of POST /PaySim: the seed's ten, and three additions.</summary>
public static class SeedMethods
{
    public const string CreateAccount = "创建账户";
    public const string BindWeChat = "绑定微信";
    public const string FreezeAccount = "冻结账户";
    public const string Deposit = "充值";
    public const string Withdraw = "提现";
    public const string QueryAccount = "查询账户信息";
    public const string Transfer = "主动转账";
    public const string CreateTrade = "发起交易";
    public const string PayTrade = "支付交易";
    public const string QueryTrade = "查询交易";

    /// <summary>Not in the seed: an administrator's check that balances and ledgers agree.</summary>
    public const string Reconcile = "对账";

    /// <summary>Not in the seed: an administrator opens many accounts at once for a load test, one password for all.</summary>
    public const string CreateAccounts = "批量创建账户";

    /// <summary>Not in seed 000: a payer obtains a one-time payer code for seed 001's bar-code payments.</summary>
    public const string GetPayerCode = "获取付款码";
}
