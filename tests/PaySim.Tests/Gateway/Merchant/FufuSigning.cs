using System.Globalization;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Merchant;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// Signs as a seed 001 merchant backend does. The gateway itself never holds a merchant key (the merchant grain
/// signs and verifies), so this lives with the tests.
/// </summary>
public static class FufuSigning
{
    /// <summary>The URL value <c>{md5}:{timestamp}</c> for a body.</summary>
    public static string Sign(long timestampMs, string key, string body)
    {
        var timestamp = timestampMs.ToString(CultureInfo.InvariantCulture);
        return Md5Signature.Compute(timestamp, key, FufuSignature.StripWhitespace(body)) + ":" + timestamp;
    }
}
