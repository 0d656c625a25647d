using System.Globalization;
using Orleans.Storage;
using PaySim.Grains.Persistence;
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

    [Fact]
    public async Task DeferredReadState_IsNotReadAtActivation_AndItsFirstWriteCreatesTheRow()
    {
        var grain = NewGrain();
        await StoreNewAsync(grain);

        var activation = await ReadNewAsync(grain);
        Assert.Equal((0L, DeferredRead.Etag), (activation.State!.BalanceFen, activation.ETag));

        var newGrain = NewGrain();
        var fresh = await ReadNewAsync(newGrain);
        var mine = new NewWalletState { BalanceFen = 5 };
        fresh.State = mine;
        await Storage.WriteStateAsync(StateName, newGrain, fresh);
        Assert.Same(mine, fresh.State);
        Assert.NotEqual(DeferredRead.Etag, fresh.ETag);
        Assert.Equal((5L, fresh.ETag), await StoredAsync(newGrain));
    }

    [Fact]
    public async Task DeferredReadState_FirstWriteOverAStoredRow_WritesNothing_AndLoadsTheStoredState()
    {
        var grain = NewGrain();
        var stored = await StoreNewAsync(grain);

        var activation = await ReadNewAsync(grain);
        var mine = new NewWalletState { BalanceFen = 99 };
        activation.State = mine;
        await Storage.WriteStateAsync(StateName, grain, activation);

        Assert.NotSame(mine, activation.State);
        Assert.Equal((40L, "王五", stored.ETag, true), (activation.State!.BalanceFen, activation.State!.Owner, activation.ETag, activation.RecordExists));
        Assert.Equal((40L, stored.ETag), await StoredAsync(grain));
        activation.State!.BalanceFen = 41;
        await Storage.WriteStateAsync(StateName, grain, activation);
        Assert.Equal((41L, activation.ETag), await StoredAsync(grain));
    }

    [Fact]
    public async Task DeferredReadState_ReadAgain_ReadsTheRow()
    {
        var grain = NewGrain();
        var stored = await StoreNewAsync(grain);
        var activation = await ReadNewAsync(grain);

        await Storage.ReadStateAsync(StateName, grain, activation);

        Assert.Equal((40L, stored.ETag, true), (activation.State!.BalanceFen, activation.ETag, activation.RecordExists));
    }

    [Fact]
    public async Task ConcurrentFirstWrites_OfADeferredReadState_OneIsStored_AndEveryOtherWriterHoldsIt()
    {
        var grain = NewGrain();
        var writers = new List<GrainState<NewWalletState>>();
        for (var writer = 1; writer <= 8; writer++)
        {
            var state = await ReadNewAsync(grain);
            state.State!.BalanceFen = writer;
            writers.Add(state);
        }

        var storage = Storage;
        await Task.WhenAll(writers.Select(state => Task.Run(() => storage.WriteStateAsync(StateName, grain, state))));

        var (balance, etag) = await StoredAsync(grain);
        Assert.All(writers, state => Assert.Equal((balance, etag), (state.State!.BalanceFen, state.ETag)));
    }

    /// <summary>Stores 40 fen of 王五's as the row of <paramref name="grain"/>, written as its grain's first write.</summary>
    private async Task<GrainState<NewWalletState>> StoreNewAsync(GrainId grain)
    {
        var stored = new GrainState<NewWalletState>(new NewWalletState { BalanceFen = 40, Owner = "王五" });
        await Storage.WriteStateAsync(StateName, grain, stored);
        return stored;
    }

    private async Task<GrainState<NewWalletState>> ReadNewAsync(GrainId grain)
    {
        var state = new GrainState<NewWalletState>();
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private async Task<(long BalanceFen, string? Etag)> StoredAsync(GrainId grain)
    {
        var state = await ReadAsync(grain);
        return (state.State!.BalanceFen, state.ETag);
    }

    /// <summary>PaySim's store promises more than distinct ETags: an ETag is the row's version, and versions of a row only grow (no ABA).</summary>
    protected override void AssertEtagsOfSuccessiveChanges(IReadOnlyList<string> etags)
    {
        base.AssertEtagsOfSuccessiveChanges(etags);
        var versions = etags.Select(etag => long.Parse(etag, CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions.Zip(versions.Skip(1)).All(pair => pair.First < pair.Second), $"versions {string.Join(", ", etags)} do not grow");
    }
}
