using PaySim.Gateway.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>Seed 002's politeness limits, and the charge a query that could not be answered gives back.</summary>
public sealed class KeyedRateLimiterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public void AKey_IsAllowedOncePerInterval_AndOtherKeysAreNotCharged()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new KeyedRateLimiter(Interval, clock);

        Assert.True(limiter.TryAcquire("a"));
        Assert.False(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("b"));
        clock.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.False(limiter.TryAcquire("a"));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(limiter.TryAcquire("a"));
    }

    [Fact]
    public void ARefundedCharge_LetsTheRetryThrough()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new KeyedRateLimiter(Interval, clock);
        Assert.True(limiter.TryAcquire("a", out var charge));

        clock.Advance(TimeSpan.FromSeconds(3));
        limiter.Refund("a", charge);

        Assert.True(limiter.TryAcquire("a"));
        Assert.False(limiter.TryAcquire("a"));
    }

    [Fact]
    public void ARefund_TakesBackOnlyItsOwnCharge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new KeyedRateLimiter(Interval, clock);
        Assert.True(limiter.TryAcquire("a", out var stale));
        clock.Advance(Interval);
        Assert.True(limiter.TryAcquire("a"));

        limiter.Refund("a", stale);

        Assert.False(limiter.TryAcquire("a"));
    }
}
