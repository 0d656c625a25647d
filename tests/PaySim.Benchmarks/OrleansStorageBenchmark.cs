using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using PaySim.Silo.AdoNet;
using PaySim.Silo.Hosting;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.PostgreSql;

namespace PaySim.Benchmarks;

/// <summary>
/// Persisted state writes per second through Orleans' own <see cref="IGrainStorage"/> interface, as
/// <c>IPersistentState.WriteStateAsync</c> calls it, for two providers over one PostgreSQL server in one run:
/// PaySim's <see cref="GroupCommitGrainStorage"/> and Orleans' stock <c>AdoNetGrainStorage</c> (Invariant Npgsql,
/// on PaySim's OrleansQuery schema). N writers each do sequential ETag-checked writes on their own grain; both
/// providers encode the state with the same System.Text.Json serializer, so only the storage path differs.
/// </summary>
internal static class OrleansStorageBenchmark
{
    private const string GroupCommitName = "groupcommit";
    private const string AdoNetName = "adonet";
    private const string StateName = "wallet";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var writerCount = arguments.Integer("writers", 64);
        var duration = TimeSpan.FromSeconds(arguments.Number("seconds", 2));
        var server = arguments.Text("postgres") ?? Environment.GetEnvironmentVariable("PAYSIM_TEST_POSTGRES");
        if (server is null)
        {
            Console.Error.WriteLine("orleans-storage: no --postgres connection string and no PAYSIM_TEST_POSTGRES; run under deploy/with-postgres.sh");
            return 1;
        }

        // A database of its own, so the run starts from empty tables and leaves nothing behind on the server.
        var database = $"paysim_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            await MeasureAsync(connectionString, writerCount, duration, arguments.Integer("commits-in-flight", 4));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }

        return 0;
    }

    private static async Task MeasureAsync(string connectionString, int writerCount, TimeSpan duration, int commitsInFlight)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await SchemaMigrator.ApplyAsync(
                connection, [.. PostgreSqlSchema.Migrations, .. OrleansAdoNetSchema.Migrations], PostgreSqlSchema.LockSql, CancellationToken.None);
        }

        await using var store = StorageProviderFactory.Create(
            new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = connectionString, GroupCommitsInFlightMax = commitsInFlight },
            NullLoggerFactory.Instance);
        await store.InitializeAsync(CancellationToken.None);

        // The stock provider reads its statements from OrleansQuery when the silo starts, so it needs a running silo.
        using var host = LocalSilo.Build(silo =>
        {
            silo.Services.AddGrainStorage(GroupCommitName, (_, _) => new GroupCommitGrainStorage(store.GrainStateStore));
            silo.AddAdoNetGrainStorage(AdoNetName, options =>
            {
                options.Invariant = PaySimSiloBuilderExtensions.NpgsqlInvariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new PaySim.Silo.Persistence.SystemTextJsonGrainStorageSerializer();
            });
        });
        await host.StartAsync();

        Console.WriteLine($"orleans-storage: {writerCount} writers x {duration.TotalSeconds:0.#} s of sequential ETag-checked writes through Orleans' IGrainStorage, one grain each, PostgreSQL");
        foreach (var name in new[] { GroupCommitName, AdoNetName })
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(name);
            await MeasureStorageAsync(name, storage, writerCount, duration);
        }

        await host.StopAsync();
    }

    private static async Task MeasureStorageAsync(string name, IGrainStorage storage, int writerCount, TimeSpan duration)
    {
        var type = $"bench{Guid.NewGuid():N}";
        var grains = Enumerable.Range(0, writerCount).Select(index => GrainId.Create(type, $"writer-{index}")).ToArray();
        var states = grains.Select(_ => new GrainState<BenchWallet>(new BenchWallet())).ToArray();
        // Each writer creates its row before the clock starts, so only updates are measured.
        await Task.WhenAll(grains.Select((grain, index) => storage.WriteStateAsync(StateName, grain, states[index])));

        var stopwatch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(grains.Select((grain, index) => RunWriterAsync(storage, grain, states[index], stopwatch, duration)));
        var elapsed = stopwatch.Elapsed;

        var all = latencies.SelectMany(list => list).Order().ToArray();
        Console.WriteLine(
            $"  {name,-12} {all.Length / elapsed.TotalSeconds,9:N0} writes/s  p50 {Percentile(all, 0.50),6:F2} ms  p99 {Percentile(all, 0.99),6:F2} ms  ({all.Length:N0} writes)");
    }

    private static async Task<List<double>> RunWriterAsync(
        IGrainStorage storage, GrainId grain, GrainState<BenchWallet> state, Stopwatch stopwatch, TimeSpan duration)
    {
        var latencies = new List<double>();
        while (stopwatch.Elapsed < duration)
        {
            var started = stopwatch.Elapsed;
            var wallet = state.State!;
            wallet.Sequence++;
            wallet.BalanceFen += 100;
            await storage.WriteStateAsync(StateName, grain, state);
            latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];

    /// <summary>An account-sized document state.</summary>
    private sealed class BenchWallet
    {
        public long BalanceFen { get; set; }

        public long Sequence { get; set; }

        public string Status { get; set; } = "Active";
    }
}
