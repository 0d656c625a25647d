using PaySim.Grains.Interfaces;

namespace PaySim.Grains;

/// <summary>Translates an account's refusal into the outcome an orchestrator reports.</summary>
internal static class AccountResultMapping
{
    public static TransferResult ToTransferResult(this AccountResult result) => result switch
    {
        AccountResult.Ok => TransferResult.Ok,
        AccountResult.InvalidAmount => TransferResult.InvalidAmount,
        AccountResult.NoSuchAccount => TransferResult.NoSuchAccount,
        AccountResult.BadPassword => TransferResult.BadPassword,
        AccountResult.AccountFrozen => TransferResult.AccountFrozen,
        AccountResult.InsufficientFunds => TransferResult.InsufficientFunds,
        AccountResult.BalanceOverflow => TransferResult.BalanceOverflow,
        _ => throw new InvalidOperationException($"An account movement cannot answer {result}."),
    };

    public static TradeResult ToTradeResult(this AccountResult result) => result switch
    {
        AccountResult.Ok => TradeResult.Ok,
        AccountResult.InvalidAmount => TradeResult.InvalidAmount,
        AccountResult.NoSuchAccount => TradeResult.NoSuchAccount,
        AccountResult.BadPassword => TradeResult.BadPassword,
        AccountResult.AccountFrozen => TradeResult.AccountFrozen,
        AccountResult.InsufficientFunds => TradeResult.InsufficientFunds,
        AccountResult.BalanceOverflow => TradeResult.BalanceOverflow,
        _ => throw new InvalidOperationException($"An account movement cannot answer {result}."),
    };

    /// <summary>Whether an account that answered a snapshot may take part in a movement: it exists and is not frozen.</summary>
    public static AccountResult ToParticipation(this AccountSnapshot? snapshot) =>
        snapshot is null ? AccountResult.NoSuchAccount
        : snapshot.Status == AccountStatus.Frozen ? AccountResult.AccountFrozen
        : AccountResult.Ok;
}
