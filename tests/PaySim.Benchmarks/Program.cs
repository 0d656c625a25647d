using PaySim.Benchmarks;

// One mode per file; this file only dispatches on the first argument.
return args.FirstOrDefault() switch
{
    "storage" => await StorageBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    "calls" => await GrainCallsBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/PaySim.Benchmarks -- MODE [--name value ...]
          storage  persisted ETag-checked state writes/s of each store
                   --writers 64 --seconds 2 --store all|sqlite|postgresql
                   --postgres "Host=...;Username=...;Database=..." (default: env PAYSIM_TEST_POSTGRES)
                   --commits-in-flight 4 (PostgreSQL group commits executing at once)
          calls    in-memory local grain calls/s through the runtime's full call path
                   --callers 64 --seconds 3
        """);
    return 2;
}
