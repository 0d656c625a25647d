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

        return account.BalanceFen > MoneyLimits.BalanceFenMax - movement.AmountFen ? AccountResult.BalanceOverflow : AccountResult.Ok;
    }
}
