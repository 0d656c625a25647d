using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>Which of the merchant's two secrets a digest uses.</summary>
[GenerateSerializer, Alias("paysim.MerchantSecretKind")]
public enum MerchantSecretKind
{
    /// <summary>The 付付 open API key (mchtKey).</summary>
    Key,

    /// <summary>The aggregator API token.</summary>
    Token,
}
