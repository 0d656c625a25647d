using System.Globalization;

namespace PaySim.Wire;

/// <summary>Seed 001 time_zone: an IANA id ("Asia/Shanghai") or an offset ("+08:00"); China Standard Time by default.</summary>
public static class TimeZones
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(8);

    /// <summary>The widest offset a time can carry (<see cref="DateTimeOffset"/>'s limit, and the widest zone in use).</summary>
    public static readonly TimeSpan OffsetMax = TimeSpan.FromHours(14);

    /// <summary>The offset at <paramref name="at"/>, or null when the text names no known zone or an offset beyond ±14:00.</summary>
    public static TimeSpan? OffsetAt(string? timeZone, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return Default;
        }

        var text = timeZone.Trim();
        if (text[0] is '+' or '-')
        {
            return TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset) && offset <= OffsetMax
                ? text[0] == '-' ? -offset : offset
                : null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) ? zone.GetUtcOffset(at) : null;
    }

    /// <summary>Formats yyyyMMddHHmmss in the zone; China Standard Time for a zone <see cref="OffsetAt"/> does not accept.</summary>
    public static string Format(DateTimeOffset? at, string? timeZone) => at is null
        ? ""
        : at.Value.ToOffset(OffsetAt(timeZone, at.Value) ?? Default).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
