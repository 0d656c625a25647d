using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// A logger provider that keeps every line it is given, at every level the host lets through, with its category,
/// message, exception, structured values and scopes (the activity scope with TraceId and SpanId among them).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<CapturedScope>();
            owner._scopes.ForEachScope((scope, list) => list.Add(new CapturedScope(scope?.ToString(), Values(scope))), scopes);
            owner._lines.Enqueue(new CapturedLogLine(category, logLevel, eventId, formatter(state, exception), exception?.ToString(), Values(state), scopes));
        }

        private static IReadOnlyList<KeyValuePair<string, string?>> Values(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? [.. pairs.Select(pair => KeyValuePair.Create(pair.Key, Text(pair.Value)))]
                : [];

        /// <summary>Values as a log sink would write them: collections item by item, as JSON formatters do.</summary>
        private static string? Text(object? value) => value switch
        {
            null => null,
            string text => text,
            System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>().Select(item => item?.ToString())),
            _ => value.ToString(),
        };
    }
}

/// <summary>One scope of a captured line: its text and its named values.</summary>
public sealed record CapturedScope(string? Text, IReadOnlyList<KeyValuePair<string, string?>> Values);

/// <summary>One captured log line.</summary>
public sealed record CapturedLogLine(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    string? Exception,
    IReadOnlyList<KeyValuePair<string, string?>> Values,
    IReadOnlyList<CapturedScope> Scopes)
{
    /// <summary>The value named <paramref name="key"/> in any of the line's scopes (TraceId, SpanId, RequestPath…).</summary>
    public string? ScopeValue(string key) =>
        Scopes.SelectMany(scope => scope.Values).Where(pair => pair.Key == key).Select(pair => pair.Value).FirstOrDefault();

    /// <summary>Everything a sink could write of the line, as one text to search.</summary>
    public string FullText() => string.Join(
        "\n",
        new[] { Category, EventId.Name, Message, Exception }
            .Concat(Values.Select(pair => $"{pair.Key}={pair.Value}"))
            .Concat(Scopes.SelectMany(scope => scope.Values.Select(pair => $"{pair.Key}={pair.Value}").Prepend(scope.Text))));

    public override string ToString() => $"[{Level}] {Category}: {Message}";
}
