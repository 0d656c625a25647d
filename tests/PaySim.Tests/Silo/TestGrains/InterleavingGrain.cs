using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

[Reentrant]
public sealed class InterleavingGrain : Grain, IInterleavingGrain
{
    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;

    public async Task WaitForSignalAsync() => await _signal.Task;

    public Task SignalAsync()
    {
        _signal.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<bool> OverlappedAsync()
    {
        var overlapped = BusySection();
        await Task.Yield();
        return BusySection() | overlapped;
    }

    private bool BusySection()
    {
        var overlapped = Interlocked.Increment(ref _inside) != 1;
        Thread.SpinWait(50_000);
        Interlocked.Decrement(ref _inside);
        return overlapped;
    }
}
