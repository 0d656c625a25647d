using System.Reflection;
using Microsoft.Extensions.Options;
using PaySim.Runtime;
using PaySim.Silo.Activation;
using PaySim.Silo.Hosting;

namespace PaySim.Silo.Calls;

/// <summary>
/// Routes every call to this silo's catalog. Each silo activates grains locally; the shared store's ETags keep two
/// silos' activations of one grain from both winning a write.
/// </summary>
public sealed class LocalGrainCallInvoker(Catalog catalog, IOptions<SiloOptions> options) : IGrainCallInvoker
{
    private readonly TimeSpan _responseTimeout = options.Value.ResponseTimeout;

    public Task<object?> InvokeAsync(GrainId target, MethodInfo method, object?[] arguments)
    {
        // Measured on the real clock, not the injected one: it guards against deadlocked call cycles, not business time.
        return catalog.InvokeAsync(target, method, arguments).WaitAsync(_responseTimeout, TimeProvider.System);
    }
}
