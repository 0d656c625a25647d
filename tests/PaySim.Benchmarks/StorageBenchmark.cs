using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Benchmarks;

/// <summary>
/// Persisted state writes per second of each store: N writers, each doing sequential ETag-checked writes on its
/// own grain (as N busy account grains would), once with state alone and once with one journal entry per write
/// (a ledger line, as an account movement writes). Every counted write was acknowledged after its commit.
/// </summary>
internal static class StorageBenchmark
{
    private const string StateName = "account";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var writerCount = arguments.Integer("writers", 64);
        var duration = TimeSpan.FromSeconds(arguments.Number("seconds", 2));
        var store = arguments.Text("store", "all");
        var postgres = arguments.Text("postgres") ?? Environment.GetEnvironmentVariable("PAYSIM_TEST_POSTGRES");
        Console.WriteLine($"storage: {writerCount} writers x {duration.TotalSeconds:0.#} s of sequential ETag-checked writes, one grain each");

        if (store is "all" or "sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), $"paysim-bench-{Guid.NewGuid():N}");
            try
            {
                await MeasureStoreAsync("sqlite", new StorageOptions { Provider = StorageProviderKind.Sqlite, DataDirectory = directory }, writerCount, duration);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        if (store is "all" or "postgresql")
        {
            if (postgres is null)
            {
                Console.Error.WriteLine("postgresql: no --postgres connection string and no PAYSIM_TEST_POSTGRES; run under deploy/with-postgres.sh");
                return 1;
            }

            await MeasureStoreAsync("postgresql", new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = postgres, GroupCommitsInFlightMax = arguments.Integer("commits-in-flight", 4) }, writerCount, duration);
        }

        return 0;
    }

    private static async Task MeasureStoreAsync(string storeName, StorageOptions options, int writerCount, TimeSpan duration)
    {
        foreach (var withJournal in new[] { false, true })
        {
            await using var provider = StorageProviderFactory.Create(options, NullLoggerFactory.Instance);
            await provider.InitializeAsync(CancellationToken.None);
            var statistics = (IGroupCommitStatistics)provider;
            var type = $"bench{Guid.NewGuid():N}";

            // Each writer creates its row before the clock starts, so only updates are measured.
            var grains = Enumerable.Range(0, writerCount).Select(index => new StoredGrainId(type, $"writer-{index}")).ToArray();
            var etags = await Task.WhenAll(grains.Select(grain =>
                provider.GrainStateStore.WriteStateAsync(grain, StateName, Payload(0), null, [], CancellationToken.None)));

            var (commitsBefore, writesBefore) = (statistics.CommitCount, statistics.WriteCount);
            var stopwatch = Stopwatch.StartNew();
            var latencies = await Task.WhenAll(grains.Select((grain, index) =>
                RunWriterAsync(provider.GrainStateStore, grain, etags[index], withJournal, stopwatch, duration)));
            var elapsed = stopwatch.Elapsed;

            var all = latencies.SelectMany(list => list).Order().ToArray();
            var commits = statistics.CommitCount - commitsBefore;
            var writes = statistics.WriteCount - writesBefore;
            Console.WriteLine(
                $"{storeName,-10} {(withJournal ? "state+journal" : "state"),-13} {all.Length / elapsed.TotalSeconds,9:N0} writes/s"
                + $"  {(double)writes / Math.Max(commits, 1),6:F1} writes/commit"
                + $"  p50 {Percentile(all, 0.50),6:F2} ms  p99 {Percentile(all, 0.99),6:F2} ms");
        }
    }

    private static async Task<List<double>> RunWriterAsync(
        IGrainStateStore storage, StoredGrainId grain, string etag, bool withJournal, Stopwatch stopwatch, TimeSpan duration)
    {
        var latencies = new List<double>();
        for (var sequence = 1L; stopwatch.Elapsed < duration; sequence++)
        {
            var started = stopwatch.Elapsed;
            IReadOnlyList<JournalEntry> journal = withJournal
                ? [new JournalEntry($"op-{sequence}", $$"""{"amountFen":100,"sequence":{{sequence}}}""", DateTimeOffset.UnixEpoch)]
                : [];
            etag = await storage.WriteStateAsync(grain, StateName, Payload(sequence), etag, journal, CancellationToken.None);
            latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
        }

        return latencies;
    }

    private static string Payload(long sequence) =>
        $$"""{"balanceFen":{{sequence * 100}},"frozenFen":0,"status":"Active","lastOperationId":"op-{{sequence}}"}""";

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
}
