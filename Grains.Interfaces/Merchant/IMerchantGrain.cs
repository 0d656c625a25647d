using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// One merchant, keyed by its 14-digit merchant id, which is both its busi_id (付付 API) and its uid (aggregator API).
/// It holds the merchant's two secrets encrypted and never hands them out after registration: callers ask it to
/// check or compute digests instead. It calls no grain but the settlement account, once, at registration.
/// </summary>
[Alias("paysim.IMerchantGrain")]
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>Registers the merchant; returns both secrets once, in clear, for the administrator to hand over.</summary>
    Task<MerchantRegistrationReply> RegisterAsync(MerchantRegistration registration);

    /// <summary>Returns the merchant's public profile, or null when it was never registered.</summary>
    Task<MerchantProfile?> GetProfileAsync();

    /// <summary>
    /// Checks a signed request: the digest of prefix + secret + suffix must equal the given signature, and a replay key,
    /// when given, must not have been seen before its expiry.
    /// </summary>
    Task<SignatureCheck> VerifyAsync(SignedRequest request);

    /// <summary>Computes the lower-case MD5 hex digest of prefix + secret + suffix (for notifications), or null when unregistered.</summary>
    Task<MerchantSignature?> SignAsync(MerchantSecretKind kind, string prefix, string suffix);
}
