namespace PaySim.Grains.Interfaces;

/// <summary>Bounds on trades.</summary>
public static class TradeLimits
{
    /// <summary>Longest time limit: 7 days (10,080 minutes); a payment window longer than a week is a mistake, not a trade.</summary>
    public const long TimeLimitMinutesMax = 7 * 24 * 60;
}
