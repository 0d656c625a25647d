using System.Globalization;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Wire;

/// <summary>
/// Seed 001 §1.2: sign = MD5(timestamp + mchtKey + body without spaces and line breaks), lower-case hex, sent in the
/// URL as <c>sign={md5}:{timestamp}</c> with the timestamp in epoch milliseconds.
/// </summary>
public static class FufuSignature
{
    /// <summary>Largest accepted distance between the request's timestamp and PaySim's clock; also the replay window.</summary>
    public static readonly TimeSpan ClockSkewMax = TimeSpan.FromMinutes(5);

    /// <summary>Removes every space, tab and line break, as the seed requires before hashing.</summary>
    public static string StripWhitespace(string body) =>
        string.Create(body.Length - body.Count(IsStripped), body, static (span, source) =>
        {
            var written = 0;
            foreach (var character in source)
            {
                if (!IsStripped(character))
                {
                    span[written++] = character;
                }
            }
        });

    /// <summary>Splits the URL value into digest and timestamp.</summary>
    public static bool TryParse(string? sign, out string digest, out long timestampMs)
    {
        digest = "";
        timestampMs = 0;
        var separator = sign?.IndexOf(':') ?? -1;
        if (separator != MerchantLimits.SignatureHexLength)
        {
            return false;
        }

        digest = sign![..separator];
        return long.TryParse(sign.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out timestampMs);
    }

    /// <summary>True for the characters the seed removes before hashing (space, tab, CR, LF).</summary>
    public static bool IsStripped(char character) => character is ' ' or '\t' or '\r' or '\n';
}
