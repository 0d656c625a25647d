namespace PaySim.Benchmarks;

/// <summary>Takes and returns plain ints, so a call needs no [GenerateSerializer] type and measures Orleans' call path alone.</summary>
public interface IBenchGrain : IGrainWithIntegerKey
{
    Task<int> AddAsync(int amount);
}

/// <summary>The smallest grain that does work per call.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    private int _total;

    public Task<int> AddAsync(int amount) => Task.FromResult(unchecked(_total += amount));
}
