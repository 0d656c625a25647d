using PaySim.Benchmarks;

// One mode per file; this file only dispatches on the first argument.
return args.FirstOrDefault() switch
{
    "storage" => await StorageBenchmark.RunAsync(BenchmarkArguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/PaySim.Benchmarks -- MODE [--name value ...]
          storage  persisted ETag-checked state writes/s of each store
                   --writers 64 --seconds 2 --store all|sqlite|postgresql
                   --postgres "Host=...;Username=...;Database=..." (default: env PAYSIM_TEST_POSTGRES)
        """);
    return 2;
}
