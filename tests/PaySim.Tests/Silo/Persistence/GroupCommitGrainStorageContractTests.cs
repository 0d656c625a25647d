using System.Globalization;
using Orleans.Storage;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> over PaySim's store, driven as Orleans' <c>IPersistentState</c> drives it:
/// one <see cref="IGrainState{T}"/> per activation carrying the state and its ETag. Run once per store by its subclasses.
/// </summary>
public abstract class GroupCommitGrainStorageContractTests(StoreFixture store)
{
    private const string StateName = "wallet";

    private IGrainStorage Storage => new GroupCommitGrainStorage(store.Provider.GrainStateStore);

    [Fact]
    public async Task ReadState_WhenNothingWasWritten_GivesANewStateWithoutEtagOrRecord()
    {
        var state = await ReadAsync(NewGrain());

        Assert.Equal((0L, null, null, false), (state.State!.BalanceFen, state.State!.Owner, state.ETag, state.RecordExists));
    }

    [Fact]
    public async Task WriteState_ThenReadStateInAnotherActivation_ReturnsTheStateAndTheWritersEtag()
    {
        var grain = NewGrain();
        var writer = new GrainState<WalletState>(new WalletState { BalanceFen = 250, Owner = "张三" });
        await Storage.WriteStateAsync(StateName, grain, writer);

        var reader = await ReadAsync(grain);

        Assert.NotNull(writer.ETag);
        Assert.True(writer.RecordExists);
        Assert.Equal((250L, "张三", writer.ETag, true), (reader.State!.BalanceFen, reader.State!.Owner, reader.ETag, reader.RecordExists));
    }

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

    [Fact]
    public async Task WriteState_WithAStaleEtag_ThrowsInconsistentStateAndStoresNothing()
    {
        var grain = NewGrain();
        var first = await ReadAsync(grain);
        var second = await ReadAsync(grain);
        second.State!.BalanceFen = 1;
        await Storage.WriteStateAsync(StateName, grain, second);

        first.State!.BalanceFen = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, first));

        var stored = await ReadAsync(grain);
        Assert.Equal((1L, second.ETag), (stored.State!.BalanceFen, stored.ETag));
        second.State!.BalanceFen = 3;
        await Storage.WriteStateAsync(StateName, grain, second);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, first));
        Assert.Equal(3L, (await ReadAsync(grain)).State!.BalanceFen);
    }

    [Fact]
    public async Task ClearState_KeepsVersionsGrowing_SoNoEarlierEtagWritesAgain()
    {
        var grain = NewGrain();
        var state = new GrainState<WalletState>(new WalletState { BalanceFen = 5 });
        await Storage.WriteStateAsync(StateName, grain, state);
        var writtenEtag = state.ETag!;

        await Storage.ClearStateAsync(StateName, grain, state);
        var clearedEtag = state.ETag!;
        Assert.Equal((0L, false), (state.State!.BalanceFen, state.RecordExists));

        var afterClear = await ReadAsync(grain);
        Assert.Equal((0L, clearedEtag, false), (afterClear.State!.BalanceFen, afterClear.ETag, afterClear.RecordExists));
        // Neither an activation from before the clear nor one that assumes no row may write over the cleared row.
        var stale = new GrainState<WalletState>(new WalletState { BalanceFen = 9 }) { ETag = writtenEtag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, new GrainState<WalletState>(new WalletState())));

        state.State!.BalanceFen = 6;
        await Storage.WriteStateAsync(StateName, grain, state);
        Assert.True(Version(writtenEtag) < Version(clearedEtag) && Version(clearedEtag) < Version(state.ETag!),
            $"versions {writtenEtag}, {clearedEtag}, {state.ETag} do not grow");
        var rewritten = await ReadAsync(grain);
        Assert.Equal((6L, state.ETag, true), (rewritten.State!.BalanceFen, rewritten.ETag, rewritten.RecordExists));
    }

    private static GrainId NewGrain() => GrainId.Create("wallet", $"钱包-{Guid.NewGuid():N}");

    private static long Version(string etag) => long.Parse(etag, CultureInfo.InvariantCulture);

    private async Task<GrainState<WalletState>> ReadAsync(GrainId grain)
    {
        var state = new GrainState<WalletState>();
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }
}
