using Orleans;

namespace PaySim.Grains.Interfaces.Health;

/// <summary>
/// What a gateway's readiness check calls: answering proves a silo is reachable and activates grains. A stateless
/// worker, so it runs on whichever silo the call reaches, costs no store read and is never the one activation of a key.
/// </summary>
[Alias("paysim.IReadinessProbeGrain")]
public interface IReadinessProbeGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
