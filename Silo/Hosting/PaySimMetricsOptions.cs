namespace PaySim.Silo.Hosting;

/// <summary>
/// Where a process shows <c>/metrics</c> and how fresh the store's gauges are. Bound from <c>PaySim:Metrics</c>.
/// A gateway serves <c>/metrics</c> on its own HTTP port (with its co-hosted silo's series in a single node) unless
/// <see cref="Enabled"/> is false; a standalone silo has no HTTP API, so it opens a port for <c>/metrics</c> only when
/// <see cref="Port"/> is set.
/// </summary>
public sealed class PaySimMetricsOptions
{
    public const string SectionName = "PaySim:Metrics";

    /// <summary>Whether a gateway exports metrics on <c>/metrics</c>; off, nothing listens to the meters and the route is not mapped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A standalone silo's scrape port (<c>http://Host:Port/metrics</c>); none when unset.</summary>
    public int? Port { get; set; }

    /// <summary>The address a standalone silo's scrape port listens on: loopback by default, <c>+</c> for every address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The store's gauges (money in flight, recovery lag, notifications pending, reminders) are read from the store
    /// at most this often, and only while something scrapes: a scrape between two reads shows the last one.
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
