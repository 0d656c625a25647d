using Orleans;
using Orleans.Concurrency;
using PaySim.Grains.Interfaces.Health;

namespace PaySim.Grains.Health;

/// <inheritdoc cref="IReadinessProbeGrain"/>
[StatelessWorker]
[GrainType("readinessprobe")]
public sealed class ReadinessProbeGrain : Grain, IReadinessProbeGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
