using Orleans;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>Stored state of one order's notification.</summary>
[GenerateSerializer, Alias("paysim.MerchantNotificationState")]
public sealed class MerchantNotificationState
{
    [Id(0)]
    public MerchantOrderSnapshot? Order { get; set; }

    [Id(1)]
    public int AttemptCount { get; set; }

    [Id(2)]
    public bool Delivered { get; set; }

    [Id(3)]
    public bool GaveUp { get; set; }

    [Id(4)]
    public DateTimeOffset? LastAttemptAt { get; set; }

    public MerchantNotificationState Clone() => (MerchantNotificationState)MemberwiseClone();
}
