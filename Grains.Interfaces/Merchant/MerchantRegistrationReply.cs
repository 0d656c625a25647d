using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>The outcome of a registration; <paramref name="Credentials"/> is set only on success.</summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantRegistrationReply")]
public sealed record MerchantRegistrationReply(MerchantResult Result, MerchantCredentials? Credentials);

/// <summary>
/// The merchant's credentials for both API styles: the merchant id is busi_id and uid; <paramref name="Key"/> is the
/// 32-character 付付 signing key and <paramref name="Token"/> the 32-character aggregator token.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantCredentials")]
public sealed record MerchantCredentials(string MerchantId, string Key, string Token)
{
    /// <summary>Masks both secrets: Orleans' trace lines print a call's result, and this is the registration's.</summary>
    public override string ToString() => $"{nameof(MerchantCredentials)} {{ {nameof(MerchantId)} = {MerchantId}, {nameof(Key)} = {Secrets.Mask}, {nameof(Token)} = {Secrets.Mask} }}";
}
