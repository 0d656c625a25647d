using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>Outcomes of account operations, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.AccountResult")]
public enum AccountResult
{
    /// <summary>The operation was applied (or had already been applied).</summary>
    Ok,

    /// <summary>The amount is zero, negative or above the largest accepted amount.</summary>
    InvalidAmount,

    /// <summary>No account with this username was ever opened.</summary>
    NoSuchAccount,

    /// <summary>
    /// The operation id was already applied to this account for another movement (another kind or amount); nothing
    /// was changed. A client that reuses a request id for a different request gets this, not the first answer.
    /// </summary>
    OperationIdConflict,

    /// <summary>An account with this username already exists.</summary>
    AlreadyExists,

    /// <summary>The password does not match (also for a retry of an applied movement: it is answered Ok only with the right one).</summary>
    BadPassword,

    /// <summary>The account is frozen.</summary>
    AccountFrozen,

    /// <summary>The balance is lower than the amount to take.</summary>
    InsufficientFunds,

    /// <summary>The credit would take the balance past the largest balance an account may hold.</summary>
    BalanceOverflow,
}
