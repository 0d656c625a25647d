namespace PaySim.Grains.Interfaces;

/// <summary>Bounds on amounts, so that no sum of balances can overflow a long.</summary>
public static class MoneyLimits
{
    /// <summary>Largest single amount: 10^12 fen (10 billion yuan), far above any real payment.</summary>
    public const long AmountFenMax = 1_000_000_000_000;

    /// <summary>Largest balance one account may hold: 10^15 fen, so a million full accounts still fit in a long.</summary>
    public const long BalanceFenMax = 1_000_000_000_000_000;

    /// <summary>Whether <paramref name="amountFen"/> may be moved, paid or refunded: positive and at most <see cref="AmountFenMax"/>.</summary>
    public static bool IsValidAmount(long amountFen) => amountFen is > 0 and <= AmountFenMax;
}
