using System.Security.Cryptography;
using System.Text;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// The digest both merchant APIs sign with: lower-case hex MD5 of prefix + secret + suffix over UTF-8.
/// MD5 is what the seeds prescribe; PaySim only adds constant-time comparison.
/// </summary>
public static class Md5Signature
{
    /// <summary>Length of a digest in hex characters.</summary>
    public const int HexLength = MerchantLimits.SignatureHexLength;

    public static string Compute(string prefix, string secret, string suffix)
    {
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(prefix, secret, suffix)));
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Compares in constant time, ignoring case (some merchants send upper-case hex).</summary>
    public static bool Matches(string expectedLowerHex, string? candidate)
    {
        if (candidate is null || candidate.Length != HexLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expectedLowerHex),
            Encoding.ASCII.GetBytes(candidate.ToLowerInvariant()));
    }
}
