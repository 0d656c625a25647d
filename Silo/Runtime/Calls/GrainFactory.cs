using System.Reflection;
using PaySim.Runtime;
using PaySim.Silo.Activation;

namespace PaySim.Silo.Calls;

/// <summary>Hands out grain references; creating one costs no I/O and activates nothing.</summary>
public sealed class GrainFactory(GrainTypeRegistry registry, Lazy<IGrainCallInvoker> invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > GrainId.KeyLengthMax)
        {
            throw new ArgumentException($"A grain key is at most {GrainId.KeyLengthMax} characters; got {key.Length}.", nameof(key));
        }

        var grainId = new GrainId(registry.GetGrainType(typeof(TGrainInterface)), key);
        var reference = DispatchProxy.Create<TGrainInterface, GrainReference>();
        ((GrainReference)(object)reference).Bind(grainId, invoker.Value);
        return reference;
    }
}
