using System.Globalization;

namespace PaySim.Benchmarks;

/// <summary>Arguments of the form <c>--name value</c>, read by name with a default.</summary>
internal sealed class BenchmarkArguments(IReadOnlyDictionary<string, string> values)
{
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < args.Count; index += 2)
        {
            if (!args[index].StartsWith("--", StringComparison.Ordinal) || index + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[index]}'.");
            }

            values[args[index][2..]] = args[index + 1];
        }

        return new BenchmarkArguments(values);
    }

    public string? Text(string name, string? defaultValue = null) => values.TryGetValue(name, out var text) ? text : defaultValue;

    public int Integer(string name, int defaultValue) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public double Number(string name, double defaultValue) =>
        values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : defaultValue;
}
