using System.Diagnostics.Metrics;
using PaySim.Grains.Observability;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>
/// The group commit's instruments, on PaySim's meter: how many writes each transaction carried (the group-commit
/// factor: count is transactions, sum is writes) and how long each took to commit, flush included. Tagged with the
/// store, <c>sqlite</c> or <c>postgresql</c>.
/// </summary>
internal sealed class StorageMetrics
{
    private static readonly Histogram<int> s_commitWrites = PaySimMetrics.Meter.CreateHistogram(
        "paysim.storage.commit.writes",
        "{write}",
        "Writes carried by one group-commit transaction.",
        tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    private static readonly Histogram<double> s_commitDuration = PaySimMetrics.Meter.CreateHistogram(
        "paysim.storage.commit.duration",
        "s",
        "Time one group-commit transaction took, from its first statement to its acknowledged flush.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private readonly KeyValuePair<string, object?> _store;

    public StorageMetrics(string storeName) => _store = new("store", storeName.ToLowerInvariant());

    /// <summary>Records one committed transaction of <paramref name="writeCount"/> writes that took <paramref name="elapsed"/>.</summary>
    public void Committed(int writeCount, TimeSpan elapsed)
    {
        s_commitWrites.Record(writeCount, _store);
        s_commitDuration.Record(elapsed.TotalSeconds, _store);
    }
}
