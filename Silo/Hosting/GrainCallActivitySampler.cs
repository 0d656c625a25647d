using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Listens to PaySim's grain call activities (<see cref="GrainCallTracing"/>) and asks only for propagation: each call
/// gets an activity with the caller's TraceId (so log scopes carry it) that records nothing, the cheapest sampling .NET
/// offers. A recording listener, if one is added, still gets full data: .NET takes the highest sampling any listener
/// asks for.
/// </summary>
public sealed class GrainCallActivitySampler : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            return Task.CompletedTask;
        }

        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrainCallTracing.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();
}
