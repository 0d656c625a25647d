using PaySim.Runtime;

namespace PaySim.Benchmarks;

public interface IBenchGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amount);
}

/// <summary>The smallest grain that does work per call, so the benchmark measures the runtime's call path.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    private long _total;

    public Task<long> AddAsync(long amount) => Task.FromResult(_total += amount);
}
