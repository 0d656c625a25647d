using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>Outcomes of a transfer, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.TransferResult")]
public enum TransferResult
{
    /// <summary>The money moved from the source to the target.</summary>
    Ok,

    /// <summary>The amount is zero, negative or above <see cref="MoneyLimits.AmountFenMax"/>.</summary>
    InvalidAmount,

    /// <summary>Source and target are the same account.</summary>
    SameAccount,

    /// <summary>This transfer id was already used for a different request.</summary>
    RequestIdConflict,

    /// <summary>The source or the target account does not exist.</summary>
    NoSuchAccount,

    /// <summary>A password was given and it does not match the source's.</summary>
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
