using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// Outcomes of trade operations, in the order in which they are checked. The trade's own checks come before the
/// password: a password check is deliberately slow (PBKDF2), and a paid or expired trade needs none.
/// </summary>
[GenerateSerializer, Alias("paysim.TradeResult")]
public enum TradeResult
{
    /// <summary>The trade was created or paid.</summary>
    Ok,

    /// <summary>The amount is zero, negative or above <see cref="MoneyLimits.AmountFenMax"/>.</summary>
    InvalidAmount,

    /// <summary>The time limit is outside 1..<see cref="TradeLimits.TimeLimitMinutesMax"/> minutes.</summary>
    InvalidTimeLimit,

    /// <summary>Source and target are the same account.</summary>
    SameAccount,

    /// <summary>A trade with this tradeID already exists.</summary>
    TradeIdTaken,

    /// <summary>No trade with this tradeID was ever created.</summary>
    NoSuchTrade,

    /// <summary>The source or the target account does not exist.</summary>
    NoSuchAccount,

    /// <summary>The paying user is not the trade's source.</summary>
    NotTradeSource,

    /// <summary>The trade was already paid.</summary>
    AlreadyPaid,

    /// <summary>The trade's time limit ran out.</summary>
    TradeExpired,

    /// <summary>The password does not match the source's.</summary>
    BadPassword,

    /// <summary>The source or the target account is frozen.</summary>
    AccountFrozen,

    /// <summary>The source's balance is lower than the amount.</summary>
    InsufficientFunds,

    /// <summary>The target's balance would pass <see cref="MoneyLimits.BalanceFenMax"/>.</summary>
    BalanceOverflow,

    /// <summary>An account already holds this movement's operation id for a different movement; nothing moved.</summary>
    OperationIdConflict,
}
