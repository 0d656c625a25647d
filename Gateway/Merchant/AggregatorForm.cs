using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PaySim.Gateway.Merchant;

/// <summary>Seed 002 field limits (in bytes, as the seed counts them) and parsing of its yuan amounts.</summary>
public static class AggregatorForm
{
    public const int OrderIdBytesMax = 40;
    public const int OrderNameBytesMax = 100;
    public const int PayMoneyBytesMax = 14;
    public const int OrderUidBytesMax = 40;
    public const int UrlBytesMax = 80;
    public const int OrderInfoBytesMax = 500;

    /// <summary>
    /// The form's fields, each trimmed of nothing and defaulting to empty, as the key is computed over them; names match
    /// as ASP.NET Core's form matches them (ordinal, ignoring case). Lower-casing the names instead folded
    /// <c>Key</c> spelt with the Kelvin sign (U+212A) onto <c>key</c>, and the duplicate threw: a 503 for anyone.
    /// </summary>
    public static Dictionary<string, string> Fields(IFormCollection form) =>
        form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the value is absent and not <paramref name="required"/>, or present within <paramref name="bytesMax"/>
    /// UTF-8 bytes. Whitespace alone counts as absent: it names no merchant, order or account.
    /// </summary>
    public static bool FitsBytes(string? value, int bytesMax, bool required) =>
        string.IsNullOrWhiteSpace(value) ? !required : Encoding.UTF8.GetByteCount(value) <= bytesMax;

    /// <summary>
    /// A merchant id or order id: present, within <paramref name="bytesMax"/> UTF-8 bytes, and free of control
    /// characters, since it becomes a key (PostgreSQL's text holds no NUL) and may be logged.
    /// </summary>
    public static bool IsKey([NotNullWhen(true)] string? value, int bytesMax) => FitsBytes(value, bytesMax, required: true) && !Apis.ControlCharacters.In(value);

    /// <summary>Parses a positive yuan amount with at most two decimals ("0.01", "12", "3.5") into fen.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        // Digits and a point only: decimal.TryParse alone also takes trailing NUL characters ("1.00\0" is 1.00).
        if (text is null || text.AsSpan().ContainsAnyExcept("0123456789.")
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
            || yuan <= 0 || decimal.Round(yuan, 2) != yuan || yuan > 10_000_000_000m)
        {
            return false;
        }

        fen = (long)(yuan * 100);
        return true;
    }

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
