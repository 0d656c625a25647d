namespace PaySim.Gateway.Apis;

/// <summary>The result values the seed defines; <see cref="ResultMessages"/> holds their text.</summary>
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
}
