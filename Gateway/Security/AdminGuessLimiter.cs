using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PaySim.Gateway.Security;

/// <summary>
/// Slows down guessing of the admin token. After <see cref="WrongTokensMax"/> wrong tokens from one client within a
/// <see cref="Window"/>, every admin token that client presents is refused until the window ends, the right one too:
/// were the right one let through, guessing could go on at full speed and only its hits would be held back. The
/// generated token (64 hex digits) cannot be guessed anyway; a short configured one could be, at HTTP speed.
/// <para>
/// A client is its connection's remote address (an IPv6 client by its /64, the block one host is usually given). The
/// gateway does not trust forwarding headers, so behind a reverse proxy every client is the proxy, and a guesser
/// holds the admin back as well (a 429 with Retry-After, for at most a minute). The counts are each gateway's own, in
/// memory, for at most <see cref="ClientsMax"/> clients; past that, the clients not counted share one count.
/// </para>
/// </summary>
public sealed class AdminGuessLimiter(TimeProvider clock)
{
    /// <summary>Wrong tokens one client may present within a <see cref="Window"/>.</summary>
    public const int WrongTokensMax = 10;

    /// <summary>How long a client's count of wrong tokens lasts from its first one.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Clients counted apart; more would let a guesser with many addresses grow the gateway's memory.</summary>
    public const int ClientsMax = 10_000;

    /// <summary>The count the clients past <see cref="ClientsMax"/> share (and connections without an address): the broadcast address, no client's.</summary>
    private static readonly IPAddress SharedClient = new([255, 255, 255, 255]);

    private readonly ConcurrentDictionary<IPAddress, WrongTokens> _clients = new();

    /// <summary>How long <paramref name="address"/> must wait before presenting a token again; null when it may now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (!_clients.TryGetValue(Client(address), out var wrong)
            && !(_clients.Count >= ClientsMax && _clients.TryGetValue(SharedClient, out wrong)))
        {
            return null;
        }

        var left = wrong.Until - clock.GetUtcNow();
        return wrong.Count >= WrongTokensMax && left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts a wrong token presented by <paramref name="address"/>; true when this one reached the limit.</summary>
    public bool RecordWrong(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var client = Client(address);
        if (!_clients.ContainsKey(client) && _clients.Count >= ClientsMax)
        {
            ForgetEnded(now);
            if (_clients.Count >= ClientsMax)
            {
                client = SharedClient;
            }
        }

        var counted = _clients.AddOrUpdate(
            client,
            static (_, now) => new WrongTokens(1, now + Window),
            static (_, wrong, now) => wrong.Until <= now ? new WrongTokens(1, now + Window) : wrong with { Count = wrong.Count + 1 },
            now);
        return counted.Count == WrongTokensMax;
    }

    private void ForgetEnded(DateTimeOffset now)
    {
        foreach (var (client, wrong) in _clients)
        {
            if (wrong.Until <= now)
            {
                _clients.TryRemove(new KeyValuePair<IPAddress, WrongTokens>(client, wrong));
            }
        }
    }

    /// <summary>The key a client is counted under: its IPv4 address (also when mapped into IPv6), or its IPv6 /64.</summary>
    internal static IPAddress Client(IPAddress? address)
    {
        if (address is null)
        {
            return SharedClient;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    private readonly record struct WrongTokens(int Count, DateTimeOffset Until);
}
