using Orleans.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// The contract every document-state storage of PaySim keeps, spoken only through Orleans' <see cref="IGrainStorage"/>
/// and driven as Orleans' <c>IPersistentState</c> drives it: one <see cref="IGrainState{T}"/> per activation carrying
/// the state and its ETag. What a grain relies on is asserted here; how a provider spells its ETags and what it keeps
/// of a cleared state are left to the subclasses (<see cref="GroupCommitGrainStorageContractTests"/>,
/// <see cref="AdoNetGrainStorageContractTests"/>).
/// </summary>
public abstract class GrainStorageContractTests
{
    protected const string StateName = "wallet";

    private const int ConcurrentWriters = 8;

    /// <summary>The storage under test; a new instance per call is fine (all state is in the store).</summary>
    protected abstract IGrainStorage Storage { get; }

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

        // An activation that read the row once but missed the next write is refused too, not only one that read nothing.
        var staleReader = await ReadAsync(grain);
        second.State!.BalanceFen = 4;
        await Storage.WriteStateAsync(StateName, grain, second);
        staleReader.State!.BalanceFen = 5;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, staleReader));
        var afterStaleWrite = await ReadAsync(grain);
        Assert.Equal((4L, second.ETag), (afterStaleWrite.State!.BalanceFen, afterStaleWrite.ETag));
    }

    [Fact]
    public async Task WriteState_ChangesTheEtagOnEveryWrite_AndOnlyTheLatestEtagWritesAgain()
    {
        var grain = NewGrain();
        var state = new GrainState<WalletState>(new WalletState());
        var etags = new List<string>();
        for (var write = 1; write <= 5; write++)
        {
            state.State!.BalanceFen = write;
            await Storage.WriteStateAsync(StateName, grain, state);
            etags.Add(state.ETag!);
            var reader = await ReadAsync(grain);
            Assert.Equal(((long)write, state.ETag, true), (reader.State!.BalanceFen, reader.ETag, reader.RecordExists));
        }

        AssertEtagsOfSuccessiveChanges(etags);
        foreach (var earlier in etags.SkipLast(1))
        {
            var stale = new GrainState<WalletState>(new WalletState { BalanceFen = -1 }) { ETag = earlier, RecordExists = true };
            await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        }

        Assert.Equal((5L, etags[^1]), ((await ReadAsync(grain)).State!.BalanceFen, (await ReadAsync(grain)).ETag));
    }

    [Fact]
    public async Task ConcurrentFirstWrites_OfOneState_ExactlyOneWins_AndItsStateIsStored()
    {
        for (var round = 0; round < 3; round++)
        {
            var grain = NewGrain();
            var outcomes = await RaceAsync(ConcurrentWriters, writer => new GrainState<WalletState>(new WalletState { BalanceFen = writer + 1 }), grain);

            var winner = Assert.Single(outcomes, outcome => outcome.Error is null);
            Assert.All(outcomes.Where(outcome => outcome.Error is not null), outcome => Assert.IsType<InconsistentStateException>(outcome.Error));
            var stored = await ReadAsync(grain);
            Assert.Equal((winner.State.State!.BalanceFen, winner.State.ETag, true), (stored.State!.BalanceFen, stored.ETag, stored.RecordExists));
        }
    }

    [Fact]
    public async Task ConcurrentWrites_WithTheSameEtag_ExactlyOneWins_AndItsStateIsStored()
    {
        var grain = NewGrain();
        var created = new GrainState<WalletState>(new WalletState { BalanceFen = 100 });
        await Storage.WriteStateAsync(StateName, grain, created);

        // As two activations of one grain (briefly possible during a membership change) that both read the same row.
        var outcomes = await RaceAsync(
            ConcurrentWriters,
            writer => new GrainState<WalletState>(new WalletState { BalanceFen = 200 + writer }) { ETag = created.ETag, RecordExists = true },
            grain);

        var winner = Assert.Single(outcomes, outcome => outcome.Error is null);
        Assert.All(outcomes.Where(outcome => outcome.Error is not null), outcome => Assert.IsType<InconsistentStateException>(outcome.Error));
        var stored = await ReadAsync(grain);
        Assert.Equal((winner.State.State!.BalanceFen, winner.State.ETag), (stored.State!.BalanceFen, stored.ETag));
        Assert.NotEqual(created.ETag, stored.ETag);
    }

    [Fact]
    public async Task ClearState_ResetsTheState_SoNoEarlierEtagWritesAgain()
    {
        var grain = NewGrain();
        var state = new GrainState<WalletState>(new WalletState { BalanceFen = 5 });
        await Storage.WriteStateAsync(StateName, grain, state);
        var writtenEtag = state.ETag!;

        await Storage.ClearStateAsync(StateName, grain, state);
        var clearedEtag = state.ETag;
        Assert.Equal((0L, false), (state.State!.BalanceFen, state.RecordExists));
        Assert.NotEqual(writtenEtag, clearedEtag);

        var afterClear = await ReadAsync(grain);
        Assert.Equal((0L, null, clearedEtag, false), (afterClear.State!.BalanceFen, afterClear.State!.Owner, afterClear.ETag, afterClear.RecordExists));
        // Neither an activation from before the clear nor one that assumes no row may write over the cleared row
        // (both providers keep a cleared row and its version: GroupCommit always, AdoNet with DeleteStateOnClear false).
        var stale = new GrainState<WalletState>(new WalletState { BalanceFen = 9 }) { ETag = writtenEtag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, new GrainState<WalletState>(new WalletState())));

        state.State!.BalanceFen = 6;
        await Storage.WriteStateAsync(StateName, grain, state);
        AssertEtagsOfSuccessiveChanges([writtenEtag, clearedEtag!, state.ETag!]);
        var rewritten = await ReadAsync(grain);
        Assert.Equal((6L, state.ETag, true), (rewritten.State!.BalanceFen, rewritten.ETag, rewritten.RecordExists));
    }

    [Fact]
    public async Task ClearState_WithAStaleEtag_ThrowsInconsistentStateAndKeepsTheState()
    {
        var grain = NewGrain();
        var stale = new GrainState<WalletState>(new WalletState { BalanceFen = 10 });
        await Storage.WriteStateAsync(StateName, grain, stale);
        var current = await ReadAsync(grain);
        current.State!.BalanceFen = 11;
        await Storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, stale));

        var stored = await ReadAsync(grain);
        Assert.Equal((11L, current.ETag, true), (stored.State!.BalanceFen, stored.ETag, stored.RecordExists));
    }

    /// <summary>
    /// What Orleans relies on of the ETags a state goes through (writes and clears, in order): each differs from every
    /// earlier one, so an activation holding an earlier one can be told apart. Providers may promise more.
    /// </summary>
    protected virtual void AssertEtagsOfSuccessiveChanges(IReadOnlyList<string> etags) =>
        Assert.Equal(etags.Count, etags.Distinct(StringComparer.Ordinal).Count());

    protected static GrainId NewGrain() => GrainId.Create("wallet", $"钱包-{Guid.NewGuid():N}");

    protected async Task<GrainState<WalletState>> ReadAsync(GrainId grain)
    {
        var state = new GrainState<WalletState>();
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static async Task<Exception?> OutcomeAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Starts <paramref name="count"/> writes of one state at once, each from its own activation's state.</summary>
    private async Task<(GrainState<WalletState> State, Exception? Error)[]> RaceAsync(
        int count, Func<int, GrainState<WalletState>> stateOf, GrainId grain)
    {
        var storage = Storage;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, count).Select(writer => Task.Run(async () =>
        {
            var state = stateOf(writer);
            await start.Task;
            return (state, await OutcomeAsync(() => storage.WriteStateAsync(StateName, grain, state)));
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(writers);
    }
}
