using System.Reflection;
using Orleans.Runtime;
using PaySim.Grains.Accounts;
using PaySim.Grains.Persistence;
using PaySim.Silo.Reconciliation;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// Pins how every stored type is written (STYLE.md 3c): stored rows outlive the code, and System.Text.Json reads a
/// property it no longer finds as its default, silently. Each type's fully populated sample must be written exactly as
/// its golden document, and the golden document must read back into exactly the sample.
/// </summary>
public sealed class StoredShapeTests
{
    public static TheoryData<string> Shapes => new(StoredSamples.All.Select(shape => shape.Name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sample_SetsEveryStoredProperty(string name)
    {
        var shape = StoredSamples.Find(name);

        ShapeAssert.FullyPopulated(shape.Sample, name);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sample_IsWrittenAsItsGoldenDocument(string name)
    {
        var shape = StoredSamples.Find(name);

        GoldenDocuments.AssertMatches(name, shape.Serialize(shape.Sample));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GoldenDocument_ReadsBackEveryProperty(string name)
    {
        var shape = StoredSamples.Find(name);

        var read = shape.Deserialize(GoldenDocuments.Read(name));

        ShapeAssert.SameValues(shape.Sample, read, name);
    }

    [Fact]
    public void EveryPersistedGrainState_HasAGoldenDocument()
    {
        var persisted = typeof(AccountGrain).Assembly.GetTypes()
            .SelectMany(type => type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.GetCustomAttribute<PersistentStateAttribute>() is not null
                                || parameter.GetCustomAttribute<JournaledStateAttribute>() is not null)
            .Select(parameter => parameter.ParameterType.GetGenericArguments().Single())
            .ToHashSet();
        var covered = StoredSamples.All.Select(shape => shape.Type).ToHashSet();

        var uncovered = persisted.Except(covered).Select(type => type.FullName).Order().ToList();
        Assert.True(uncovered.Count == 0, $"Persisted without a golden document in StoredSamples: {string.Join(", ", uncovered)}.");
        // The guard itself must see the grains; seven document states and one journaled state today.
        Assert.True(persisted.Count >= 8, $"Found only {persisted.Count} persisted state types; is the reflection still looking at the grains?");
    }

    [Theory]
    [InlineData(nameof(PaySim.Grains.Transfers.TransferGrainState))]
    [InlineData(nameof(PaySim.Grains.Trades.TradeGrainState))]
    [InlineData(nameof(PaySim.Grains.Merchant.MerchantOrderGrainState))]
    public void OrchestratorGoldenDocument_CarriesTheMarkerReconciliationFindsMovementsInFlightBy(string name)
    {
        // Reconciliation filters rows by this text rather than parsing every one; a shape change must keep it true.
        Assert.Contains(StoreAccountLedgerReader.InFlightMarker, GoldenDocuments.Read(name), StringComparison.Ordinal);
    }
}
