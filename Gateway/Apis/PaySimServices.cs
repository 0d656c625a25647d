using PaySim.Gateway.Security;
using Orleans;

namespace PaySim.Gateway.Apis;

/// <summary>What the PaySim handlers need, bound as one <c>[AsParameters]</c> bundle.</summary>
public sealed class PaySimServices
{
    public required IGrainFactory Grains { get; init; }

    /// <summary>The deadline and repeat policy every grain call of a handler goes through.</summary>
    public required GrainCalls Calls { get; init; }

    public required AdminCredential Admin { get; init; }

    public required HttpContext HttpContext { get; init; }
}
