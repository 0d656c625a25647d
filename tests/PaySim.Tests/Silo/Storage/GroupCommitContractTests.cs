using Orleans.Storage;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.GroupCommit;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>Group commit and schema set-up against a real store; run once per store by its subclasses.</summary>
public abstract class GroupCommitContractTests(StoreFixture store)
{
    private IGrainStateStore Storage => store.Provider.GrainStateStore;

    [Fact]
    public async Task WriteState_500ConcurrentWritesToDifferentGrains_AllCommitInFarFewerCommits()
    {
        const int writeCount = 500;
        var statistics = (IGroupCommitStatistics)store.Provider;
        var (commitsBefore, writesBefore) = (statistics.CommitCount, statistics.WriteCount);
        var type = NewType();

        var etags = await Task.WhenAll(Enumerable.Range(0, writeCount).Select(index =>
            Storage.WriteStateAsync(new StoredGrainId(type, $"grain-{index}"), StateName, Payload($"{index}"), null, [], CancellationToken.None)));

        Assert.All(etags, etag => Assert.Equal("1", etag));
        Assert.Equal(writeCount, (await Storage.ReadAllStatesAsync(type, StateName, CancellationToken.None).ToListAsync()).Count);
        Assert.Equal(writeCount, statistics.WriteCount - writesBefore);
        // Writes queued while a commit is in flight share the next one; a handful of commits is typical.
        Assert.InRange(statistics.CommitCount - commitsBefore, 1, writeCount / 10);
    }

    /// <summary>
    /// PostgreSQL's text holds no NUL: such a key in a shared read or commit failed every read or write sharing it,
    /// other clients' too. Both stores refuse it for its own caller only.
    /// </summary>
    [Fact]
    public async Task ReadAndWrite_OfAKeyWithANulCharacter_FailAlone_AndConcurrentOnesSucceed()
    {
        var type = NewType();
        var goodGrains = Enumerable.Range(0, 20).Select(index => new StoredGrainId(type, $"grain-{index}")).ToList();
        var withNul = new StoredGrainId(type, "z\0");

        var goodWrites = goodGrains.Select(grain => Storage.WriteStateAsync(grain, StateName, Payload("good"), null, [], CancellationToken.None)).ToList();
        var badWrite = Storage.WriteStateAsync(withNul, StateName, Payload("bad"), null, [], CancellationToken.None);
        var badEntry = Storage.WriteStateAsync(NewGrain(), StateName, Payload("bad"), null, [Entry("req:z\0")], CancellationToken.None);
        var badRead = Storage.ReadStateAsync(withNul, StateName, CancellationToken.None);
        var goodReads = goodGrains.Select(grain => Storage.ReadStateAsync(grain, StateName, CancellationToken.None)).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => badWrite);
        await Assert.ThrowsAsync<ArgumentException>(() => badEntry);
        await Assert.ThrowsAsync<ArgumentException>(() => badRead);
        Assert.All(await Task.WhenAll(goodWrites), etag => Assert.Equal("1", etag));
        await Task.WhenAll(goodReads);
    }

    [Fact]
    public async Task WriteState_ABadWriteAmongConcurrentWrites_FailsAloneAndTheOthersCommit()
    {
        var badGrain = NewGrain();
        var badGrainEtag = await Storage.WriteStateAsync(badGrain, StateName, Payload("1"), null, [Entry("op-1")], CancellationToken.None);
        var goodGrains = Enumerable.Range(0, 100).Select(_ => NewGrain()).ToList();

        var goodWrites = goodGrains.Take(50).Select(WriteGoodAsync).ToList();
        // A duplicate journal entry id fails inside the database, taking the whole batch's transaction down with it.
        var badWrite = Storage.WriteStateAsync(badGrain, StateName, Payload("2"), badGrainEtag, [Entry("op-1")], CancellationToken.None);
        goodWrites.AddRange(goodGrains.Skip(50).Select(WriteGoodAsync));

        await Assert.ThrowsAsync<InconsistentStateException>(() => badWrite);
        Assert.All(await Task.WhenAll(goodWrites), etag => Assert.Equal("1", etag));
        foreach (var grain in goodGrains)
        {
            Assert.Equal(new GrainStateRecord(Payload("good"), "1"), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
        }

        Assert.Equal(new GrainStateRecord(Payload("1"), badGrainEtag), await Storage.ReadStateAsync(badGrain, StateName, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_RunConcurrentlyAndAgain_KeepsSchemaAndData()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteStateAsync(grain, StateName, Payload("kept"), null, [], CancellationToken.None);

        await using var secondSilo = store.CreateProvider();
        await using var thirdSilo = store.CreateProvider();
        await Task.WhenAll(secondSilo.InitializeAsync(CancellationToken.None), thirdSilo.InitializeAsync(CancellationToken.None));
        await secondSilo.InitializeAsync(CancellationToken.None);

        Assert.Equal(new GrainStateRecord(Payload("kept"), etag), await secondSilo.GrainStateStore.ReadStateAsync(grain, StateName, CancellationToken.None));
        var nextEtag = await thirdSilo.GrainStateStore.WriteStateAsync(grain, StateName, Payload("next"), etag, [], CancellationToken.None);
        Assert.Equal(new GrainStateRecord(Payload("next"), nextEtag), await Storage.ReadStateAsync(grain, StateName, CancellationToken.None));
    }

    private Task<string> WriteGoodAsync(StoredGrainId grain) =>
        Storage.WriteStateAsync(grain, StateName, Payload("good"), null, [Entry("op-1")], CancellationToken.None);
}
