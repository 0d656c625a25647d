using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>The checks of a movement that depend only on the account's state, in the precedence order of <see cref="AccountResult"/>.</summary>
internal static class MovementRules
{
    /// <summary>Returns <see cref="AccountResult.Ok"/> when <paramref name="movement"/> may be applied to <paramref name="account"/>.</summary>
    public static AccountResult Check(AccountGrainState account, AccountMovement movement)
    {
        // A reversal returns money that left this account moments ago; refusing it on a frozen account would lose it.
        if (account.Status == AccountStatus.Frozen && movement.Kind != MovementKind.Reversal)
        {
            return AccountResult.AccountFrozen;
        }

        if (movement.Kind.IsDebit())
        {
            return account.BalanceFen < movement.AmountFen ? AccountResult.InsufficientFunds : AccountResult.Ok;
        }

        // A reversal is not held to the balance limit either: a credit that arrived after the debit it undoes may have
        // filled the account to the limit, and a refused reversal would leave the money out of it for good. It can pass
        // the limit only by what is in flight from the account, so it is refused only where a long would overflow.
        var limitFen = movement.Kind == MovementKind.Reversal ? long.MaxValue : MoneyLimits.BalanceFenMax;
        return account.BalanceFen > limitFen - movement.AmountFen ? AccountResult.BalanceOverflow : AccountResult.Ok;
    }
}
