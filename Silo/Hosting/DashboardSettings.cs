namespace PaySim.Silo.Hosting;

/// <summary>
/// Orleans' dashboard, read by silos (which run its grains) and gateways (which serve its page at <c>/dashboard</c>).
/// Bound from <c>PaySim:Dashboard</c>; give silos and gateways of a cluster the same value.
/// </summary>
public sealed class DashboardSettings
{
    public const string SectionName = "PaySim:Dashboard";

    /// <summary>
    /// Run the dashboard: on a silo its grain, its per-silo grain service and its grain call profiler; on a gateway
    /// its page. Off, none of them exists and <c>/dashboard</c> answers 404.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
