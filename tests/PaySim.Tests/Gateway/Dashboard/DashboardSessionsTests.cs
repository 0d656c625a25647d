using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Security;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Dashboard;

/// <summary>The dashboard's session value: made from the admin token by HMAC, never holding it, valid for a bounded time and for that token only.</summary>
public sealed class DashboardSessionsTests
{
    private const string Token = "dashboard-session-test-token-3c8e";

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void AnIssuedValue_IsValid_AndHoldsNoPartOfTheToken()
    {
        var sessions = Sessions(Token);

        var value = sessions.Issue();

        Assert.True(sessions.IsValid(value));
        Assert.DoesNotContain(Token, value, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard-session", value, StringComparison.Ordinal);
        Assert.NotEqual(value, sessions.Issue());
    }

    [Fact]
    public void AValue_ExpiresAfterItsLifetime()
    {
        var sessions = Sessions(Token);
        var value = sessions.Issue();

        _clock.Advance(DashboardSessions.LifetimeMax - TimeSpan.FromSeconds(1));
        Assert.True(sessions.IsValid(value));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(sessions.IsValid(value));
    }

    [Fact]
    public void AnotherGatewayWithTheSameToken_AcceptsTheValue_AndOneWithAnotherTokenDoesNot()
    {
        var value = Sessions(Token).Issue();

        Assert.True(Sessions(Token).IsValid(value));
        Assert.False(Sessions(Token + "-changed").IsValid(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("99999999999.00.x")]
    [InlineData("not a session")]
    public void Garbage_IsNotASession(string? value) => Assert.False(Sessions(Token).IsValid(value));

    [Fact]
    public void ALaterExpiryUnderTheOldMac_IsRefused()
    {
        var sessions = Sessions(Token);
        var parts = sessions.Issue().Split('.');

        var extended = $"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 86_400}.{parts[1]}.{parts[2]}";

        Assert.False(sessions.IsValid(extended));
    }

    private DashboardSessions Sessions(string token)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AdminCredential.ConfigurationKey] = token })
            .Build();
        return new DashboardSessions(new AdminCredential(configuration, NullLogger<AdminCredential>.Instance, new AdminGuessLimiter(_clock)), _clock);
    }
}
