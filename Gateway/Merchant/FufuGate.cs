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
        var (body, problem) = await ReadBodyAsync(http);
        if (body is null)
        {
            return Refuse(MerchantResultCodes.IllegalParameter, problem!);
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

        var request = FufuRequest.TryParse(body, out var malformed);
        if (request is null || request.MerchantId.Length == 0)
        {
            return Refuse(MerchantResultCodes.IllegalParameter, malformed ?? "The body must be a JSON object with busi_id.");
        }

        var merchantGrain = services.Grains.GetGrain<IMerchantGrain>(request.MerchantId);
        // Once: the check remembers the signature against replays, so a repeat would answer Replayed. The digest is
        // accepted in either case, so it is remembered in one: the same signature re-cased is the same signature.
        var signed = new SignedRequest(
            MerchantSecretKind.Key, timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture), FufuSignature.StripWhitespace(body),
            digest, ReplayKey: digest.ToLowerInvariant(), ReplayKeyExpiresAt: signedAt + FufuSignature.ClockSkewMax);
        var check = await services.Calls.OnceAsync(() => merchantGrain.VerifyAsync(signed));
        return check switch
        {
            SignatureCheck.Valid => new Admission(request, await services.Calls.RepeatableAsync(merchantGrain.GetProfileAsync), null),
            SignatureCheck.UnknownMerchant => Refuse(MerchantResultCodes.UnregisteredMerchant, "No merchant has this busi_id."),
            SignatureCheck.InvalidSignature => Refuse(MerchantResultCodes.InvalidSign, "MD5(timestamp + key + body without whitespace) does not match."),
            SignatureCheck.Replayed => Refuse(MerchantResultCodes.InvalidSign, "This signed request was already received; sign each request anew."),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
        };
    }

    /// <summary>Decodes strictly: a body that is not UTF-8 is refused, not read with U+FFFD in place of its bad bytes.</summary>
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Admission Refuse(string code, string reason) => new(null, null, FufuReplies.Refused(code, reason));

    /// <summary>The body as text, or null and why there is none (missing, too long, not UTF-8).</summary>
    private static async Task<(string? Body, string? Problem)> ReadBodyAsync(HttpRequest http)
    {
        var tooLong = $"The body is missing or longer than {FufuRequest.BodyLengthMax} bytes.";
        if (http.ContentLength > FufuRequest.BodyLengthMax)
        {
            return (null, tooLong);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, http.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > FufuRequest.BodyLengthMax)
            {
                return (null, tooLong);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            // A leading byte order mark is dropped, as the StreamReader this replaced did.
            var text = s_strictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            text = text.StartsWith('\uFEFF') ? text[1..] : text;
            return text.Length == 0 ? (null, tooLong) : (text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The body is not UTF-8 text.");
        }
    }
}
