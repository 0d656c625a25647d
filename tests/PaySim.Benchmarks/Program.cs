using PaySim.Benchmarks;

// One mode per file; this file only dispatches on the first argument.
return args.FirstOrDefault() switch
{
    "storage" => await StorageBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    "calls" => await GrainCallsBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    "orleans-storage" => await OrleansStorageBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/PaySim.Benchmarks -- MODE [--name value ...]
          storage          persisted ETag-checked state writes/s of each store, through PaySim's store API
                           --writers 64 --seconds 2 --store all|sqlite|postgresql
                           --postgres "Host=...;Username=...;Database=..." (default: env PAYSIM_TEST_POSTGRES)
                           --commits-in-flight 4 (PostgreSQL group commits executing at once)
          calls            Orleans in-memory grain calls/s, one silo in process, closed-loop callers
                           --callers 64 --seconds 3 --dashboard off|on|watched (Orleans' dashboard and its call profiler)
          orleans-storage  writes/s and p50/p99 through Orleans' IGrainStorage on PostgreSQL: PaySim's
                           GroupCommitGrainStorage, then Orleans' stock AdoNetGrainStorage, in one run
                           --writers 64 --seconds 2 --commits-in-flight 4
                           --postgres "Host=...;Username=...;Database=postgres" (default: env PAYSIM_TEST_POSTGRES;
                           the mode creates and drops a database of its own there)
        """);
    return 2;
}
