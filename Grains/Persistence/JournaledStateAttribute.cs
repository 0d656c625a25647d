using Orleans.Runtime;

namespace PaySim.Grains.Persistence;

/// <summary>
/// Binds a grain constructor parameter of type <see cref="IJournaledState{TState}"/> to the state named
/// <paramref name="stateName"/> in the journaled store <paramref name="storageName"/>. Orleans' facet system finds
/// the factory for it (the silo registers an <c>IAttributeToFactoryMapper&lt;JournaledStateAttribute&gt;</c>), the way
/// it does for <c>[PersistentState]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournaledStateAttribute(string stateName, string storageName) : Attribute, IFacetMetadata
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}
