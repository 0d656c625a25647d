namespace PaySim.Gateway.Merchant;

/// <summary>The two limiters of seed 002, as one singleton so both share the injected clock.</summary>
public sealed class AggregatorRateLimits(TimeProvider timeProvider)
{
    /// <summary>Seed 002 §1.4: one status query per order per minute.</summary>
    public static readonly TimeSpan OrderStatusInterval = TimeSpan.FromMinutes(1);

    /// <summary>Seed 002 §1.5: one balance query per merchant per three minutes.</summary>
    public static readonly TimeSpan BalanceInterval = TimeSpan.FromMinutes(3);

    public KeyedRateLimiter OrderStatus { get; } = new(OrderStatusInterval, timeProvider);

    public KeyedRateLimiter Balance { get; } = new(BalanceInterval, timeProvider);
}
