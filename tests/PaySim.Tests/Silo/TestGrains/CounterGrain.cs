using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

/// <summary>Deliberately racy code: correct only if the runtime runs one turn at a time.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private static int _activations;
    private readonly List<int> _appended = [];
    private int _count;

    public static int Activations => Volatile.Read(ref _activations);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _activations);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        var read = _count;
        await Task.Yield();
        _count = read + 1;
        return _count;
    }

    public async Task AppendAsync(int value)
    {
        await Task.Yield();
        _appended.Add(value);
    }

    public Task<IReadOnlyList<int>> GetAppendedAsync() => Task.FromResult<IReadOnlyList<int>>([.. _appended]);

    public Task<int> GetActivationCountAsync() => Task.FromResult(Activations);
}
