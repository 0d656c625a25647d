using System.Globalization;

namespace PaySim.Gateway.Apis;

/// <summary>
/// A whole number sent as text: an optional sign, then ASCII digits, nothing else. <c>long.TryParse</c> alone also
/// takes trailing NUL characters (<c>"5\0"</c> is 5), so a field the checks of names refuse would pass as an amount.
/// </summary>
public static class IntegerText
{
    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        var digits = text.AsSpan();
        if (digits is ['-' or '+', .. var rest])
        {
            digits = rest;
        }

        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }
}
