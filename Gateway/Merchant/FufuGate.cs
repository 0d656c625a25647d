using System.Text;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// Admits a seed 001 request: body size, the URL's sign, the clock skew, the JSON, the merchant, the signature and
/// replay — in that order, each failure with its seed code. A replayed sign is refused for as long as its timestamp
/// would still be accepted, so a captured request cannot be sent again.
/// </summary>
public static class FufuGate
{
    /// <summary>The admitted request and its merchant, or the reply that refuses it.</summary>
    public sealed record Admission(FufuRequest? Request, MerchantProfile? Merchant, IResult? Refusal);

    public static async Task<Admission> AdmitAsync(HttpRequest http, MerchantApiServices services)
    {
        var body = await ReadBodyAsync(http);
        if (body is null)
        {
            return Refuse(MerchantResultCodes.IllegalParameter, $"The body is missing or longer than {FufuRequest.BodyLengthMax} bytes.");
        }

        if (!FufuSignature.TryParse(http.Query["sign"], out var digest, out var timestampMs))
        {
            return Refuse(MerchantResultCodes.InvalidSign, "The URL needs sign={md5}:{timestamp in milliseconds}.");
        }

        var now = services.Clock.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(timestampMs, 0, 253_402_300_799_999));
        if ((now - signedAt).Duration() > FufuSignature.ClockSkewMax)
        {
            return Refuse(MerchantResultCodes.InvalidSign, $"The timestamp is more than {FufuSignature.ClockSkewMax.TotalMinutes} minutes from PaySim's clock.");
        }

        var request = FufuRequest.TryParse(body);
        if (request is null || request.MerchantId.Length == 0)
        {
            return Refuse(MerchantResultCodes.IllegalParameter, "The body must be a JSON object with busi_id.");
        }

        var merchantGrain = services.Grains.GetGrain<IMerchantGrain>(request.MerchantId);
        var check = await merchantGrain.VerifyAsync(new SignedRequest(
            MerchantSecretKind.Key, timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture), FufuSignature.StripWhitespace(body),
            digest, ReplayKey: digest, ReplayKeyExpiresAt: signedAt + FufuSignature.ClockSkewMax));
        return check switch
        {
            SignatureCheck.Valid => new Admission(request, await merchantGrain.GetProfileAsync(), null),
            SignatureCheck.UnknownMerchant => Refuse(MerchantResultCodes.UnregisteredMerchant, "No merchant has this busi_id."),
            SignatureCheck.InvalidSignature => Refuse(MerchantResultCodes.InvalidSign, "MD5(timestamp + key + body without whitespace) does not match."),
            SignatureCheck.Replayed => Refuse(MerchantResultCodes.InvalidSign, "This signed request was already received; sign each request anew."),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
        };
    }

    private static Admission Refuse(string code, string reason) => new(null, null, FufuReplies.Refused(code, reason));

    private static async Task<string?> ReadBodyAsync(HttpRequest http)
    {
        if (http.ContentLength > FufuRequest.BodyLengthMax)
        {
            return null;
        }

        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var buffer = new char[FufuRequest.BodyLengthMax + 1];
        var length = await reader.ReadBlockAsync(buffer, http.HttpContext.RequestAborted);
        return length is 0 or > FufuRequest.BodyLengthMax ? null : new string(buffer, 0, length);
    }
}
