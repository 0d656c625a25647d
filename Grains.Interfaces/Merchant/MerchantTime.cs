namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>The local time of both merchant seeds.</summary>
public static class MerchantTime
{
    /// <summary>Beijing time (UTC+8, no daylight saving): trade numbers, the cancel window and seed 002's reqtime use it.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);
}
