namespace PaySim.Gateway.Apis;

/// <summary>The result values the seed defines, and those of PaySim's additions; <see cref="ResultMessages"/> holds their text.</summary>
public enum SeedResult
{
    AccountCreated,
    AccountCreationFailed,
    WeChatBound,
    AccountFrozen,
    DepositSucceeded,
    DepositFailed,
    WithdrawalSucceeded,
    WithdrawalFailed,
    TransferSucceeded,
    TransferFailed,
    TradeCreated,
    TradeCreationFailed,
    PaymentSucceeded,
    PaymentFailed,

    /// <summary>获取付款码 (not in seed 000) succeeded.</summary>
    PayerCodeIssued,

    /// <summary>获取付款码 (not in seed 000) failed.</summary>
    PayerCodeFailed,
}
