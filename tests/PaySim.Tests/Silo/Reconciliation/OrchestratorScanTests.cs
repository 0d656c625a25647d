using System.Reflection;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Movements;
using PaySim.Grains.Transfers;
using PaySim.Silo.Reconciliation;

namespace PaySim.Tests.Silo.Reconciliation;

/// <summary>Reconciliation scans the orchestrators by grain type and state name; those must be the grains' own.</summary>
public sealed class OrchestratorScanTests
{
    [Fact]
    public void ScannedOrchestrators_AreExactlyTheGrainsWhosePersistentStateHoldsAnInFlightMovement_WhereThePropertyExists()
    {
        var documents = typeof(TransferGrain).Assembly.GetTypes()
            .SelectMany(grain => GrainTypesOf(grain).SelectMany(grainType => PersistentStatesOf(grain)
                .Select(state => (GrainType: grainType, state.StateName, state.StateType))))
            .ToList();

        // Every scanned pair is a real grain's persistent state ...
        Assert.All(StoreAccountLedgerReader.Orchestrators, scanned =>
            Assert.Contains(documents, document => (document.GrainType, document.StateName) == scanned));

        // ... and every state that stores a movement in flight is scanned.
        var withMovement = documents.Where(document => document.StateType.GetProperty("InFlight")?.PropertyType == typeof(Movement));
        Assert.All(withMovement, document => Assert.Contains((document.GrainType, document.StateName), StoreAccountLedgerReader.Orchestrators));
    }

    private static IEnumerable<string> GrainTypesOf(Type grain) =>
        grain.GetCustomAttributesData()
            .Where(attribute => attribute.AttributeType == typeof(GrainTypeAttribute))
            .Select(attribute => (string)attribute.ConstructorArguments[0].Value!);

    private static IEnumerable<(string StateName, Type StateType)> PersistentStatesOf(Type grain) =>
        grain.GetConstructors()
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.GetCustomAttribute<PersistentStateAttribute>() is not null
                && parameter.ParameterType.IsGenericType
                && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(parameter => (parameter.GetCustomAttribute<PersistentStateAttribute>()!.StateName, parameter.ParameterType.GetGenericArguments()[0]));
}
