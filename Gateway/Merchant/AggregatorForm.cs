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

    /// <summary>The form's fields, each trimmed of nothing and defaulting to empty, as the key is computed over them.</summary>
    public static Dictionary<string, string> Fields(IFormCollection form) =>
        form.ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value.ToString(), StringComparer.Ordinal);

    public static bool FitsBytes(string? value, int bytesMax, bool required) =>
        string.IsNullOrEmpty(value) ? !required : Encoding.UTF8.GetByteCount(value) <= bytesMax;

    /// <summary>Parses a positive yuan amount with at most two decimals ("0.01", "12", "3.5") into fen.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
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
