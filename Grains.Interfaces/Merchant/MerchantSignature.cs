using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// A digest the merchant grain computed with one of its secrets. A type of its own, not a string, so that it prints as
/// a mask: Orleans' trace lines print a call's result, and a signature in a log could be sent again by whoever reads it.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantSignature")]
public sealed record MerchantSignature(string Digest)
{
    public override string ToString() => $"{nameof(MerchantSignature)} {{ {nameof(Digest)} = {Secrets.Mask} }}";
}
