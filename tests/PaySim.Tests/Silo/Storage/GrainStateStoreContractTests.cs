using Orleans.Storage;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>What every store must do with grain state and journals; run once per store by its subclasses.</summary>
public abstract class GrainStateStoreContractTests(StoreFixture store)
{
    private IGrainStateStore Storage => store.Provider.GrainStateStore;

    private Task<string> WriteAsync(StoredGrainId grain, string payload, string? etag, params JournalEntry[] entries) =>
        Storage.WriteStateAsync(grain, StateName, payload, etag, entries, CancellationToken.None);

    [Fact]
    public async Task ReadState_WhenNothingWasWritten_ReturnsNull()
    {
        Assert.Null(await Storage.ReadStateAsync(NewGrain(), StateName, CancellationToken.None));
    }

    [Fact]
    public async Task ReadState_ManyConcurrentReads_EachGetsItsOwnRowOrNull()
    {
        var written = Enumerable.Range(0, 150).Select(_ => NewGrain()).ToList();
        var etags = await Task.WhenAll(written.Select((grain, index) => WriteAsync(grain, Payload($"{index}"), etag: null)));
        var missing = Enumerable.Range(0, 150).Select(_ => NewGrain()).ToList();

        var reads = await Task.WhenAll(written.Concat(missing).Select(grain => Storage.ReadStateAsync(grain, StateName, CancellationToken.None)));
        var otherStateName = await Storage.ReadStateAsync(written[0], "other-state", CancellationToken.None);

        Assert.Equal(written.Select((_, index) => new GrainStateRecord(Payload($"{index}"), etags[index])), reads.Take(150));
        Assert.All(reads.Skip(150), Assert.Null);
        Assert.Null(otherStateName);
    }

    [Fact]
    public async Task WriteState_ThenReadState_ReturnsThePayloadAndTheNewEtag()
    {
        var grain = NewGrain();
        var firstEtag = await WriteAsync(grain, Payload("100"), etag: null);
        var secondEtag = await WriteAsync(grain, Payload("250"), firstEtag);

        Assert.NotEqual(firstEtag, secondEtag);
        Assert.Equal(new GrainStateRecord(Payload("250"), secondEtag), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
    }

    [Fact]
    public async Task WriteState_WithStaleEtag_ThrowsAndKeepsTheFirstWritersState()
    {
        var grain = NewGrain();
        var readEtag = await WriteAsync(grain, Payload("0"), etag: null);
        var firstWriterEtag = await WriteAsync(grain, Payload("first"), readEtag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, Payload("second"), readEtag));
        Assert.Equal(new GrainStateRecord(Payload("first"), firstWriterEtag), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
    }

    [Fact]
    public async Task WriteState_TwoConcurrentFirstWrites_ExactlyOneWins()
    {
        var grain = NewGrain();
        var outcomes = await Task.WhenAll(
            TryWriteAsync(grain, Payload("a"), etag: null),
            TryWriteAsync(grain, Payload("b"), etag: null));

        var winner = Assert.Single(outcomes, outcome => outcome.Etag is not null);
        Assert.Single(outcomes, outcome => outcome.Etag is null);
        Assert.Equal(new GrainStateRecord(winner.Payload, winner.Etag!), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
    }

    [Fact]
    public async Task ClearState_KeepsTheRowSoWritesWithAnEarlierEtagOrNoEtagAreRejected()
    {
        var grain = NewGrain();
        var writtenEtag = await WriteAsync(grain, Payload("5"), etag: null);
        var clearedEtag = await Storage.ClearStateAsync(grain, StateName, writtenEtag, CancellationToken.None);

        Assert.Equal(new GrainStateRecord(null, clearedEtag), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, Payload("stale"), writtenEtag));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, Payload("recreated"), etag: null));
        var recreatedEtag = await WriteAsync(grain, Payload("6"), clearedEtag);
        Assert.NotEqual(writtenEtag, recreatedEtag);
    }

    [Fact]
    public async Task WriteState_WithJournalEntries_StoresThemWithTheState()
    {
        var grain = NewGrain(NewType());
        await WriteAsync(grain, Payload("30"), etag: null, Entry("op-1"), Entry("op-2"));

        Assert.Equal(Entry("op-1"), await Storage.ReadJournalEntryAsync(grain, "op-1", CancellationToken.None));
        var journal = await Storage.ReadAllJournalEntriesAsync(grain.Type, CancellationToken.None).ToListAsync();
        Assert.Equal([new(grain.Key, Entry("op-1")), new StoredJournalEntry(grain.Key, Entry("op-2"))], journal);
    }

    [Fact]
    public async Task WriteState_WhenEtagConflicts_AppendsNoJournalEntry()
    {
        var grain = NewGrain();
        var readEtag = await WriteAsync(grain, Payload("0"), etag: null);
        await WriteAsync(grain, Payload("1"), readEtag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, Payload("2"), readEtag, Entry("op-late")));
        Assert.Null(await Storage.ReadJournalEntryAsync(grain, "op-late", CancellationToken.None));
    }

    [Fact]
    public async Task WriteState_WithAJournalEntryIdTheGrainHas_ThrowsAndStoresNothing()
    {
        var grain = NewGrain();
        var etag = await WriteAsync(grain, Payload("10"), etag: null, Entry("op-1"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, Payload("20"), etag, Entry("op-2"), Entry("op-1")));
        Assert.Equal(new GrainStateRecord(Payload("10"), etag), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
        Assert.Null(await Storage.ReadJournalEntryAsync(grain, "op-2", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAllStates_ReturnsEveryRowOfTheTypeAndStateName()
    {
        var type = NewType();
        var (first, second) = (NewGrain(type), NewGrain(type));
        var firstEtag = await WriteAsync(first, Payload("1"), etag: null);
        var secondEtag = await WriteAsync(second, Payload("2"), etag: null);

        var states = await Storage.ReadAllStatesAsync(type, StateName, CancellationToken.None).ToListAsync();
        Assert.Equal(
            new[] { new StoredGrainState(first.Key, new(Payload("1"), firstEtag)), new StoredGrainState(second.Key, new(Payload("2"), secondEtag)) }
                .OrderBy(state => state.GrainKey, StringComparer.Ordinal),
            states.OrderBy(state => state.GrainKey, StringComparer.Ordinal));
    }

    [Fact]
    public async Task MovementInFlight_MarksTheRowFromItsFirstMarkedWrite_UntilAWriteWithoutIt()
    {
        var (marked, plain) = (NewGrain(), NewGrain());
        var before = DateTimeOffset.UtcNow - TimeSpan.FromHours(1);
        var etag = await Storage.WriteStateAsync(marked, StateName, Payload("intent"), null, [], movementInFlight: true, CancellationToken.None);
        await Storage.WriteStateAsync(plain, StateName, Payload("account"), null, [], movementInFlight: false, CancellationToken.None);

        Assert.Contains(marked, await Storage.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
        Assert.DoesNotContain(plain, await Storage.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
        Assert.Contains(marked, await Storage.ReadMovementsInFlightAsync(DateTimeOffset.UtcNow + TimeSpan.FromHours(1), CancellationToken.None));
        Assert.DoesNotContain(marked, await Storage.ReadMovementsInFlightAsync(before, CancellationToken.None));

        // A later write still in flight (the reversing marker) keeps the first mark's time; the outcome's clears it.
        etag = await Storage.WriteStateAsync(marked, StateName, Payload("reversing"), etag, [], movementInFlight: true, CancellationToken.None);
        Assert.DoesNotContain(marked, await Storage.ReadMovementsInFlightAsync(before, CancellationToken.None));
        Assert.Contains(marked, await Storage.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
        await Storage.WriteStateAsync(marked, StateName, Payload("outcome"), etag, [], movementInFlight: false, CancellationToken.None);
        Assert.DoesNotContain(marked, await Storage.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadStatesInFlight_ReturnsEachMarkedRowWithItsLatestPayload_UntilTheMarkIsCleared()
    {
        var (marked, plain) = (NewGrain(), NewGrain());
        var etag = await Storage.WriteStateAsync(marked, StateName, Payload("intent"), null, [], movementInFlight: true, CancellationToken.None);
        await Storage.WriteStateAsync(plain, StateName, Payload("intent"), null, [], movementInFlight: false, CancellationToken.None);

        var states = await Storage.ReadStatesInFlightAsync(CancellationToken.None);
        Assert.Contains(new StoredMarkedState(marked, StateName, Payload("intent")), states);
        Assert.DoesNotContain(states, state => state.GrainId == plain);

        etag = await Storage.WriteStateAsync(marked, StateName, Payload("reversing"), etag, [], movementInFlight: true, CancellationToken.None);
        Assert.Contains(new StoredMarkedState(marked, StateName, Payload("reversing")), await Storage.ReadStatesInFlightAsync(CancellationToken.None));

        await Storage.WriteStateAsync(marked, StateName, Payload("outcome"), etag, [], movementInFlight: false, CancellationToken.None);
        Assert.DoesNotContain(await Storage.ReadStatesInFlightAsync(CancellationToken.None), state => state.GrainId == marked);
    }

    [Fact]
    public async Task MovementInFlight_OfAWriteRefusedForItsEtag_MarksNothing()
    {
        var grain = NewGrain();
        await WriteAsync(grain, Payload("0"), etag: null);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(grain, StateName, Payload("intent"), "999", [], movementInFlight: true, CancellationToken.None));

        Assert.DoesNotContain(grain, await Storage.ReadMovementsInFlightAsync(markedBy: null, CancellationToken.None));
    }

    private async Task<(string Payload, string? Etag)> TryWriteAsync(StoredGrainId grain, string payload, string? etag)
    {
        try
        {
            return (payload, await WriteAsync(grain, payload, etag));
        }
        catch (InconsistentStateException)
        {
            return (payload, null);
        }
    }
}
