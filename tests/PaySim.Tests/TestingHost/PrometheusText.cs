using System.Globalization;

namespace PaySim.Tests.TestingHost;

/// <summary>Reads a scrape in Prometheus text: the value of one series, or whether a family is there at all.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>Whether some sample's name starts with <paramref name="prefix"/> (e.g. <c>orleans_</c>).</summary>
    public bool HasSeriesStartingWith(string prefix) =>
        Samples().Any(sample => sample.Name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every one of <paramref name="labels"/> (0 if none).</summary>
    public double Sum(string name, params string[] labels) =>
        Samples().Where(sample => sample.Name == name && labels.All(label => sample.Labels.Contains(label, StringComparison.Ordinal)))
            .Sum(sample => sample.Value);

    private IEnumerable<(string Name, string Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line.LastIndexOf(' ') + 1;
            yield return (line[..nameEnd], line[nameEnd..valueStart], double.Parse(line[valueStart..], CultureInfo.InvariantCulture));
        }
    }
}
