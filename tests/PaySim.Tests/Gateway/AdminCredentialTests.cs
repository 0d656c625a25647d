using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PaySim.Gateway.Security;

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

    private AdminCredential Create(string? token, RecordingLogger logger) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AdminCredential.ConfigurationKey] = token,
            ["PaySim:Storage:DataDirectory"] = _dataDirectory,
        }).Build(),
        logger);

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
        HttpRequest Request(string? token)
        {
            var context = new DefaultHttpContext();
            if (token is not null)
            {
                context.Request.Headers[AdminCredential.HeaderName] = token;
            }

            return context.Request;
        }

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

    private sealed class RecordingLogger : ILogger<AdminCredential>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
