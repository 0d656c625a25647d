namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>Bounds and formats of merchant requests that the edge checks before it calls a merchant grain.</summary>
public static class MerchantLimits
{
    /// <summary>Digits of a payer code (付款码), as the seed's auth_code examples.</summary>
    public const int PayerCodeLength = 18;

    /// <summary>Length of a request signature in hex characters: both seeds sign with MD5 (16 bytes).</summary>
    public const int SignatureHexLength = 32;
}
