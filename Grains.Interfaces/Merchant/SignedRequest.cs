using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// A request signature to check: MD5(<paramref name="Prefix"/> + secret + <paramref name="Suffix"/>) must equal
/// <paramref name="Signature"/> (lower-case hex). <paramref name="ReplayKey"/>, when set, is remembered until
/// <paramref name="ReplayKeyExpiresAt"/> and refused if seen again before then.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.SignedRequest")]
public sealed record SignedRequest(
    MerchantSecretKind Kind,
    string Prefix,
    string Suffix,
    string Signature,
    string? ReplayKey = null,
    DateTimeOffset ReplayKeyExpiresAt = default)
{
    /// <summary>As a record prints itself, with the signature and the signed text masked (the text may hold a payer code).</summary>
    public override string ToString() =>
        $"{nameof(SignedRequest)} {{ {nameof(Kind)} = {Kind}, {nameof(Prefix)} = {Secrets.Mask}, {nameof(Suffix)} = {Secrets.Mask}, "
        + $"{nameof(Signature)} = {Secrets.Mask}, {nameof(ReplayKey)} = {Secrets.Mask}, {nameof(ReplayKeyExpiresAt)} = {ReplayKeyExpiresAt:O} }}";
}

/// <summary>Outcomes of a signature check, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.SignatureCheck")]
public enum SignatureCheck
{
    /// <summary>The signature matches and the request is new.</summary>
    Valid,

    /// <summary>No merchant with this id is registered.</summary>
    UnknownMerchant,

    /// <summary>The signature does not match.</summary>
    InvalidSignature,

    /// <summary>The same signed request was already accepted.</summary>
    Replayed,
}
