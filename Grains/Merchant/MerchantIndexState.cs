namespace PaySim.Grains.Merchant;

/// <summary>Stored state of an index entry: the order it points at.</summary>
public sealed class MerchantIndexState
{
    public string OrderKey { get; set; } = "";
}
