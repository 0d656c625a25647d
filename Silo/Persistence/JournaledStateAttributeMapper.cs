using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Orleans' facet hook for <see cref="JournaledStateAttribute"/>, built as Orleans' own mapper for
/// <c>[PersistentState]</c>: for each constructor parameter it returns a factory that creates the state of an
/// activation and subscribes it to the activation's lifecycle, so the state is loaded before the grain activates.
/// </summary>
internal sealed class JournaledStateAttributeMapper : IAttributeToFactoryMapper<JournaledStateAttribute>
{
    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, JournaledStateAttribute attribute)
    {
        var parameterType = parameter.ParameterType;
        if (!parameterType.IsGenericType || parameterType.GetGenericTypeDefinition() != typeof(IJournaledState<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} has [JournaledState] but is a {parameterType}, not an IJournaledState<TState>.",
                parameter.Name);
        }

        var stateType = typeof(JournaledState<>).MakeGenericType(parameterType.GetGenericArguments());
        return context => Create(context, stateType, attribute);
    }

    private static object Create(IGrainContext context, Type stateType, JournaledStateAttribute attribute)
    {
        var store = context.ActivationServices.GetRequiredKeyedService<IGrainStateStore>(attribute.StorageName);
        var state = Activator.CreateInstance(stateType, StoredGrainId.From(context.GrainId), attribute.StateName, store)!;
        context.ObservableLifecycle.Subscribe(
            $"JournaledState:{attribute.StateName}", GrainLifecycleStage.SetupState, (ILifecycleObserver)state);
        return state;
    }
}
