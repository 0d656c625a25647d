namespace PaySim.Gateway.Merchant;

/// <summary>
/// Allows one request per key per interval (seed 002: one status query per order per minute, one balance query per
/// merchant per three minutes). In memory per gateway node, which is what the seed's politeness limits need.
/// </summary>
public sealed class KeyedRateLimiter(TimeSpan interval, TimeProvider timeProvider)
{
    /// <summary>Most keys remembered; past it, keys whose interval has passed are dropped.</summary>
    public const int KeyCountMax = 100_000;

    private readonly Dictionary<string, DateTimeOffset> _lastAllowed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public TimeSpan Interval => interval;

    /// <summary>True (and the key is charged) when the key's last allowed request is at least one interval old.</summary>
    public bool TryAcquire(string key) => TryAcquire(key, out _);

    /// <summary>As <see cref="TryAcquire(string)"/>, giving the charge to hand to <see cref="Refund"/>.</summary>
    public bool TryAcquire(string key, out DateTimeOffset charge)
    {
        var now = charge = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_lastAllowed.TryGetValue(key, out var last) && now - last < interval)
            {
                return false;
            }

            if (_lastAllowed.Count >= KeyCountMax)
            {
                foreach (var stale in _lastAllowed.Where(pair => now - pair.Value >= interval).Select(pair => pair.Key).ToList())
                {
                    _lastAllowed.Remove(stale);
                }
            }

            if (_lastAllowed.Count >= KeyCountMax)
            {
                return false;
            }

            _lastAllowed[key] = now;
            return true;
        }
    }

    /// <summary>
    /// Takes back <paramref name="charge"/> of a request that could not be answered (its grain call failed), so the
    /// client's retry is not refused for a query it never got; unless the key was charged again since.
    /// </summary>
    public void Refund(string key, DateTimeOffset charge)
    {
        lock (_lock)
        {
            if (_lastAllowed.TryGetValue(key, out var last) && last == charge)
            {
                _lastAllowed.Remove(key);
            }
        }
    }
}
