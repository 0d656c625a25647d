using System.Globalization;
using System.Text.Json;

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

    /// <summary>The body as a JSON object; null when it is not one, or holds a string that is not Unicode text (a lone surrogate escape).</summary>
    public static FufuRequest? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && Apis.RequestBody.IsUnicodeText(document.RootElement)
                ? new FufuRequest(document.RootElement.Clone())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The field as text (numbers in their JSON form), or null when absent, null or empty.</summary>
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
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The field as a whole number; false when absent or not an integer.</summary>
    public bool TryLong(string name, out long number)
    {
        number = 0;
        var text = Text(name);
        return text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>True when every named field is present and no longer than its limit.</summary>
    public bool Fits(params (string Name, int LengthMax, bool Required)[] fields) =>
        fields.All(field => Text(field.Name) is { } text ? text.Length <= field.LengthMax : !field.Required);
}
