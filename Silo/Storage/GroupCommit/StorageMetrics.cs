using System.Diagnostics.Metrics;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>Process-wide storage counters; writes per commit is the group-commit factor.</summary>
internal static class StorageMetrics
{
    public const string MeterName = "PaySim.Storage";

    private static readonly Meter s_meter = new(MeterName);

    public static readonly Counter<long> Commits = s_meter.CreateCounter<long>("paysim.storage.commits", description: "Transactions committed by the group-commit writers.");

    public static readonly Counter<long> Writes = s_meter.CreateCounter<long>("paysim.storage.writes", description: "Writes carried by those commits.");
}
