using System.Globalization;
using Microsoft.Extensions.Options;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// Converts a seed 001 amount in hundredths of fee_type into CNY fen at the configured rate, rounding half away
/// from zero once, at the edge; behind it every amount is a long.
/// </summary>
public sealed class CurrencyConverter(IOptions<MerchantGatewayOptions> options)
{
    public const string Cny = "CNY";

    /// <summary>The seed's own refund example writes "CHY"; it is read as CNY.</summary>
    private const string CnyMisspelt = "CHY";

    /// <summary>Normalises a fee_type (default CNY); null when the currency has no configured rate.</summary>
    public string? Normalise(string? feeType)
    {
        if (string.IsNullOrEmpty(feeType) || feeType.Equals(Cny, StringComparison.OrdinalIgnoreCase)
            || feeType.Equals(CnyMisspelt, StringComparison.OrdinalIgnoreCase))
        {
            return Cny;
        }

        return options.Value.ExchangeRates.ContainsKey(feeType) ? feeType.ToUpperInvariant() : null;
    }

    /// <summary>Converts; the rate text is null for CNY. False when the result overflows or rounds to nothing.</summary>
    public bool TryConvert(string currency, long totalFee, out long amountFen, out string? rateText)
    {
        amountFen = totalFee;
        rateText = null;
        if (currency == Cny)
        {
            return true;
        }

        var rate = options.Value.ExchangeRates[currency];
        rateText = rate.ToString(CultureInfo.InvariantCulture);
        var converted = decimal.Round(totalFee * rate, 0, MidpointRounding.AwayFromZero);
        if (converted is < 1 or > long.MaxValue)
        {
            return false;
        }

        amountFen = (long)converted;
        return true;
    }
}
