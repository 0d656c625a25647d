using System.Globalization;

namespace PaySim.Wire;

/// <summary>Seed 001 time_zone: an IANA id ("Asia/Shanghai") or an offset ("+08:00"); China Standard Time by default.</summary>
public static class TimeZones
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(8);

    /// <summary>The offset at <paramref name="at"/>, or null when the text names no known zone.</summary>
    public static TimeSpan? OffsetAt(string? timeZone, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return Default;
        }

        var text = timeZone.Trim();
        if (text[0] is '+' or '-' && TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
        {
            return text[0] == '-' ? -offset : offset;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) ? zone.GetUtcOffset(at) : null;
    }

    /// <summary>Formats yyyyMMddHHmmss in the zone (callers validated it).</summary>
    public static string Format(DateTimeOffset? at, string? timeZone) => at is null
        ? ""
        : at.Value.ToOffset(OffsetAt(timeZone, at.Value) ?? Default).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
