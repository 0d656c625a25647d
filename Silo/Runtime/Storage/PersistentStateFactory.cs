using PaySim.Runtime;
using PaySim.Silo.Activation;

namespace PaySim.Silo.Storage;

/// <summary>Creates the state objects a grain constructor asks for.</summary>
internal static class PersistentStateFactory
{
    public static object Create(GrainId grainId, PersistentStateParameter parameter, IGrainStorage storage) =>
        Activator.CreateInstance(
            typeof(PersistentState<>).MakeGenericType(parameter.StateType),
            grainId,
            parameter.StateName,
            storage)!;
}
