using Orleans;
namespace PaySim.Grains.Merchant;

/// <summary>Stored state of an index entry: the order it points at.</summary>
[GenerateSerializer, Alias("paysim.MerchantIndexState")]
public sealed class MerchantIndexState
{
    [Id(0)]
    public string OrderKey { get; set; } = "";
}
