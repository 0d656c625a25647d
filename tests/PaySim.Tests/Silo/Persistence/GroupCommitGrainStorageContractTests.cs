using System.Globalization;
using Orleans.Storage;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> over PaySim's store: the shared <see cref="GrainStorageContractTests"/> plus
/// what only PaySim's store promises. Run once per store by its subclasses.
/// </summary>
public abstract class GroupCommitGrainStorageContractTests(StoreFixture store) : GrainStorageContractTests
{
    protected override IGrainStorage Storage => new GroupCommitGrainStorage(store.Provider.GrainStateStore);

    [Fact]
    public async Task ReadState_OfARowWrittenThroughTheStoreDirectly_DecodesItsJson()
    {
        // Rows written before the move onto Orleans went through the store alone; Orleans activations must read them as they are.
        var grain = NewGrain();
        var etag = await store.Provider.GrainStateStore.WriteStateAsync(
            StoredGrainId.From(grain), StateName, """{"BalanceFen":700,"Owner":"李四"}""", null, [], CancellationToken.None);

        var state = await ReadAsync(grain);

        Assert.Equal((700L, "李四", etag, true), (state.State!.BalanceFen, state.State!.Owner, state.ETag, state.RecordExists));
    }

    /// <summary>PaySim's store promises more than distinct ETags: an ETag is the row's version, and versions of a row only grow (no ABA).</summary>
    protected override void AssertEtagsOfSuccessiveChanges(IReadOnlyList<string> etags)
    {
        base.AssertEtagsOfSuccessiveChanges(etags);
        var versions = etags.Select(etag => long.Parse(etag, CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions.Zip(versions.Skip(1)).All(pair => pair.First < pair.Second), $"versions {string.Join(", ", etags)} do not grow");
    }
}
