using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Every Chinese string of the seed's responses, in one place; a test pins each mapping.</summary>
public static class ResultMessages
{
    public static string Text(SeedResult result) => result switch
    {
        SeedResult.AccountCreated => "创建成功",
        SeedResult.AccountCreationFailed => "创建失败",
        SeedResult.WeChatBound => "绑定成功",
        SeedResult.AccountFrozen => "已冻结",
        SeedResult.DepositSucceeded => "充值成功",
        SeedResult.DepositFailed => "充值失败",
        SeedResult.WithdrawalSucceeded => "提现成功",
        SeedResult.WithdrawalFailed => "提现失败",
        SeedResult.TransferSucceeded => "转账成功",
        SeedResult.TransferFailed => "转账失败",
        SeedResult.TradeCreated => "交易创建成功",
        SeedResult.TradeCreationFailed => "交易创建失败",
        SeedResult.PaymentSucceeded => "支付成功",
        SeedResult.PaymentFailed => "支付失败",
        SeedResult.PayerCodeIssued => "获取成功",
        SeedResult.PayerCodeFailed => "获取失败",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a seed result."),
    };

    /// <summary>查询账户信息's accountState (the seed leaves the values open: "暂缺").</summary>
    public static string Text(AccountStatus status) => status switch
    {
        AccountStatus.Active => "正常",
        AccountStatus.Frozen => "已冻结",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an account status."),
    };

    /// <summary>查询交易's tradeState.</summary>
    public static string Text(TradeState state) => state switch
    {
        TradeState.Pending => "待支付",
        TradeState.Paid => "已支付",
        TradeState.Expired => "已超时",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trade state."),
    };
}
