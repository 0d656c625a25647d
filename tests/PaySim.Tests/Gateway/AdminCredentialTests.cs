using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using System.Net;
using PaySim.Gateway.Security;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

public sealed class AdminCredentialTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-admin-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private readonly FakeTimeProvider _clock = new();

    private AdminCredential Create(string? token, RecordingLogger logger) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AdminCredential.ConfigurationKey] = token,
            ["PaySim:Storage:DataDirectory"] = _dataDirectory,
        }).Build(),
        logger,
        new AdminGuessLimiter(_clock));

    private static HttpRequest Request(string? token, string client = "203.0.113.7")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        if (token is not null)
        {
            context.Request.Headers[AdminCredential.HeaderName] = token;
        }

        return context.Request;
    }

    private static int? Status(IResult? result) => (result as IStatusCodeHttpResult)?.StatusCode;

    [Fact]
    public void WithoutAConfiguredToken_GeneratesOne_InAMode600File_AndLogsOnlyItsPath()
    {
        var logger = new RecordingLogger();

        var credential = Create(null, logger);

        var path = Path.Combine(_dataDirectory, AdminCredential.TokenFileName);
        var token = File.ReadAllText(path);
        Assert.Matches("^[0-9a-f]{64}$", token);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.True(credential.IsToken(token));
        Assert.Contains(logger.Messages, message => message.Contains(path, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Messages, message => message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void GeneratedToken_IsKeptAcrossStarts()
    {
        var first = Create(null, new RecordingLogger());
        var token = File.ReadAllText(Path.Combine(_dataDirectory, AdminCredential.TokenFileName));

        var second = Create(null, new RecordingLogger());

        Assert.True(first.IsToken(token) && second.IsToken(token));
    }

    [Fact]
    public void Check_AcceptsOnlyTheConfiguredToken()
    {
        var credential = Create("configured", new RecordingLogger());

        Assert.Null(credential.Check(Request("configured")));
        Assert.NotNull(credential.Check(Request("configured2")));
        Assert.NotNull(credential.Check(Request(null)));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, AdminCredential.TokenFileName)));
    }

    /// <summary>HTTP trims header values, so such a token could never be presented: every admin call would be refused.</summary>
    [Theory]
    [InlineData(" ")]
    [InlineData(" padded-admin-token ")]
    public void ConfiguredToken_ThatNoHeaderCanCarry_IsRefusedAtStart(string token)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Create(token, new RecordingLogger()));

        Assert.Contains(AdminCredential.ConfigurationKey, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Trim() is { Length: > 0 } trimmed ? trimmed : "\0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortConfiguredToken_Starts_WithAWarningThatNamesNoToken()
    {
        var logger = new RecordingLogger();

        var credential = Create("short-tok", logger);

        Assert.True(credential.IsToken("short-tok"));
        Assert.Contains(logger.Messages, message => message.Contains("shorter than 16", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Messages, message => message.Contains("short-tok", StringComparison.Ordinal));
    }

    /// <summary>A short configured token falls to guessing at HTTP speed; held back, a guesser gets ten tries a minute.</summary>
    [Fact]
    public void AClient_PastItsWrongTokens_IsRefusedEveryToken_TheRightOneToo_UntilTheWindowEnds()
    {
        var logger = new RecordingLogger();
        var credential = Create("configured-admin-token", logger);
        for (var guess = 0; guess < AdminGuessLimiter.WrongTokensMax; guess++)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, Status(credential.Check(Request($"guess-{guess}"))));
        }

        var held = Request("configured-admin-token");
        Assert.Equal(StatusCodes.Status429TooManyRequests, Status(credential.Check(held)));
        Assert.Equal("60", held.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Equal(StatusCodes.Status401Unauthorized, Status(credential.Check(Request(null))));
        Assert.Null(credential.Check(Request("configured-admin-token", client: "198.51.100.20")));
        var warning = Assert.Single(logger.Messages, message => message.Contains("wrong admin tokens", StringComparison.Ordinal));
        Assert.Contains("203.0.113.7", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("guess-", warning, StringComparison.Ordinal);

        _clock.Advance(AdminGuessLimiter.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCodes.Status429TooManyRequests, Status(credential.Check(Request("configured-admin-token"))));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(credential.Check(Request("configured-admin-token")));
        Assert.Equal(StatusCodes.Status403Forbidden, Status(credential.Check(Request("guess-again"))));
    }

    [Fact]
    public void WrongTokens_UnderTheLimit_HoldNoClientBack()
    {
        var credential = Create("configured-admin-token", new RecordingLogger());

        for (var guess = 1; guess < AdminGuessLimiter.WrongTokensMax; guess++)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, Status(credential.Check(Request("wrong"))));
        }

        Assert.Null(credential.Check(Request("configured-admin-token")));
    }

    /// <summary>One IPv6 host is usually given a /64: counting its addresses apart would give it 2^64 counts.</summary>
    [Fact]
    public void AnIPv6Client_IsCountedByIts64_AndAnIPv4OneAlsoWhenMapped()
    {
        var guesses = new AdminGuessLimiter(_clock);
        for (var guess = 0; guess < AdminGuessLimiter.WrongTokensMax; guess++)
        {
            guesses.RecordWrong(IPAddress.Parse($"2001:db8:1:2::{guess + 1:x}"));
            guesses.RecordWrong(IPAddress.Parse("203.0.113.9"));
        }

        Assert.NotNull(guesses.RetryAfter(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(guesses.RetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.NotNull(guesses.RetryAfter(IPAddress.Parse("::ffff:203.0.113.9")));
    }

    /// <summary>A guesser with many addresses cannot grow the gateway's memory: past the bound, new clients share one count.</summary>
    [Fact]
    public void PastClientsMax_NewClientsShareOneCount_UntilEndedCountsAreForgotten()
    {
        var guesses = new AdminGuessLimiter(_clock);
        for (var client = 0; client < AdminGuessLimiter.ClientsMax; client++)
        {
            guesses.RecordWrong(new IPAddress(0x0A000000u + (uint)client));
        }

        for (var guess = 0; guess < AdminGuessLimiter.WrongTokensMax; guess++)
        {
            guesses.RecordWrong(IPAddress.Parse($"198.51.100.{guess + 1}"));
        }

        Assert.NotNull(guesses.RetryAfter(IPAddress.Parse("198.51.100.200")));
        Assert.Null(guesses.RetryAfter(new IPAddress(0x0A000000u)));

        _clock.Advance(AdminGuessLimiter.Window);
        guesses.RecordWrong(IPAddress.Parse("198.51.100.1"));
        Assert.Null(guesses.RetryAfter(IPAddress.Parse("198.51.100.200")));
    }

    private sealed class RecordingLogger : ILogger<AdminCredential>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
