using System.Text.Json;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>Reads the console output of a process logging with <c>PaySim__Logging__Format=Json</c>.</summary>
public static class JsonLogLines
{
    /// <summary>The lines of <paramref name="output"/> that are JSON log lines; anything else is skipped.</summary>
    public static IReadOnlyList<JsonElement> Parse(string output)
    {
        var lines = new List<JsonElement>();
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    /// <summary>The line of <paramref name="category"/> whose message names <paramref name="text"/>, if it was written.</summary>
    public static JsonElement? Find(string output, string category, string text) =>
        Parse(output).Cast<JsonElement?>().FirstOrDefault(line =>
            line!.Value.GetProperty("Category").GetString() == category
            && line.Value.GetProperty("Message").GetString()!.Contains(text, StringComparison.Ordinal));

    /// <summary>The TraceId of the line's scopes, or null.</summary>
    public static string? TraceId(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray()
                .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out _))
                .Select(scope => scope.GetProperty("TraceId").GetString())
                .FirstOrDefault()
            : null;
}
