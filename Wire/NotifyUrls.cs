using System.Globalization;
using System.Net;

namespace PaySim.Wire;

/// <summary>
/// Which notify URLs (seed 001 notifyUrl, seed 002 notifyurl) PaySim's server may fetch: absolute http or https URLs
/// whose host is on <c>PaySim:Merchant:NotifyHostAllowList</c> (any host when the list is empty).
/// Checked when the order is taken and again before each notification is sent, so a list set or narrowed after an
/// order was taken still holds.
/// </summary>
public static class NotifyUrls
{
    private static readonly IdnMapping s_idn = new();

    /// <summary>
    /// True when <paramref name="text"/> is an absolute http(s) URL to a host the list admits, without a fragment: a
    /// fragment is never sent to the server, and seed 001's signature, appended to the query, would land in it.
    /// </summary>
    public static bool IsAllowed(string? text, IReadOnlyCollection<string> hostAllowList) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !text.Contains('#')
        && (hostAllowList.Count == 0 || hostAllowList.Any(entry => Admits(entry, uri)));

    /// <summary>A start-up failure for each entry of the allow list at <paramref name="settingPath"/> that names no host.</summary>
    public static IEnumerable<string> AllowListFailures(IReadOnlyList<string> hostAllowList, string settingPath)
    {
        for (var index = 0; index < hostAllowList.Count; index++)
        {
            var entry = hostAllowList[index];
            if (Normalise(entry) is null)
            {
                yield return $"{settingPath}:{index} ('{entry}') must be a host name such as merchant.example (which also admits its "
                    + "subdomains) or an IP address; no scheme, port, path or wildcard.";
            }
        }
    }

    /// <summary>The entry in the form hosts are compared in (ASCII, lower case, no trailing dot); null when it names no host.</summary>
    public static string? Normalise(string? entry)
    {
        var trimmed = entry?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (IPAddress.TryParse(trimmed.Trim('[', ']'), out var address) && Uri.CheckHostName(trimmed.Trim('[', ']')) is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return address.ToString();
        }

        try
        {
            var ascii = s_idn.GetAscii(trimmed).ToLowerInvariant();
            return Uri.CheckHostName(ascii) == UriHostNameType.Dns ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>An IP address admits itself; a host name admits itself and its subdomains (at a dot, never "evil" + name).</summary>
    private static bool Admits(string entry, Uri uri)
    {
        var allowed = Normalise(entry);
        if (allowed is null)
        {
            return false;
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && address.ToString() == allowed;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host == allowed || host.EndsWith("." + allowed, StringComparison.Ordinal);
    }
}
