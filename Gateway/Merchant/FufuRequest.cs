using System.Text.Json;
using PaySim.Wire;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// A parsed seed 001 request body. The seed's own examples send integers as strings ("total_fee": "250"), so
/// numbers are accepted either way.
/// </summary>
public sealed class FufuRequest(JsonElement root)
{
    /// <summary>Longest request body read; the largest seed request is well under 2 KB.</summary>
    public const int BodyLengthMax = 64 * 1024;

    public string MerchantId => Text("busi_id") ?? "";

    /// <summary>
    /// Fields that name an order, a refund, a payer, an amount or where money and notifications go. The seed's
    /// signature is computed over the body without its whitespace, so whitespace inside a value is not signed: in
    /// these fields it is refused, else one captured request could be sent again as another ("R1", "R 1", …). So are
    /// other control characters: several become keys, and PostgreSQL's text holds no NUL.
    /// </summary>
    private static readonly string[] s_unsignedWhitespaceRefused =
    [
        "busi_id", "out_trade_no", "trade_no", "out_refund_no", "auth_code", "total_fee", "refund_fee", "fee_type",
        "channel_type", "trade_type", "time_expire", "time_zone", "notifyUrl", "subAppId", "openId",
    ];

    /// <summary>
    /// The body as a JSON object, or null and why not: not a JSON object, a string that is not Unicode text (a lone
    /// surrogate escape), a field named twice, a field that is not a string, a number or null (every seed field is
    /// one, and a field of another type would otherwise be read as absent), or whitespace in a field of
    /// <see cref="s_unsignedWhitespaceRefused"/>.
    /// </summary>
    public static FufuRequest? TryParse(string body, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object || !Apis.RequestBody.IsUnicodeText(root)
                ? "The body must be a JSON object with busi_id."
                : FieldProblem(root);
            return problem is null ? new FufuRequest(root.Clone()) : null;
        }
        catch (JsonException)
        {
            problem = "The body must be a JSON object with busi_id.";
            return null;
        }
    }

    private static string? FieldProblem(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (!names.Add(field.Name))
            {
                return $"The field {field.Name} is sent more than once.";
            }

            if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                return $"The field {field.Name} must be a string or a number.";
            }

            if (field.Value.ValueKind == JsonValueKind.String
                && s_unsignedWhitespaceRefused.Contains(field.Name, StringComparer.Ordinal)
                && field.Value.GetString() is { } text && (text.Any(FufuSignature.IsStripped) || Apis.ControlCharacters.In(text)))
            {
                return $"The field {field.Name} may not contain spaces, line breaks (the signature does not cover them) or other control characters.";
            }
        }

        return null;
    }

    /// <summary>The field as text (numbers in their JSON form), or null when absent, null, empty or whitespace only.</summary>
    public string? Text(string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The field as a whole number; false when absent or not an integer.</summary>
    public bool TryLong(string name, out long number)
    {
        number = 0;
        var text = Text(name);
        return Apis.IntegerText.TryParse(text, out number);
    }

    /// <summary>True when every named field is present and no longer than its limit.</summary>
    public bool Fits(params (string Name, int LengthMax, bool Required)[] fields) =>
        fields.All(field => Text(field.Name) is { } text ? text.Length <= field.LengthMax : !field.Required);
}
