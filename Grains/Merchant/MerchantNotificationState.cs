using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>Stored state of one order's notification.</summary>
public sealed class MerchantNotificationState
{
    public MerchantOrderSnapshot? Order { get; set; }

    public int AttemptCount { get; set; }

    public bool Delivered { get; set; }

    public bool GaveUp { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
}
