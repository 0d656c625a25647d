using PaySim.Silo.Storage;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Tests.Silo.Storage;

/// <summary>The grouped reader alone, over a scripted batch reader, so batching is deterministic.</summary>
public sealed class GroupStateReaderTests
{
    [Fact]
    public async Task ReadAsync_ReadsAskedForDuringAQuery_ShareTheNextQuery_AndEachGetsItsOwnAnswer()
    {
        var batchReader = new ScriptedBatchReader();
        await using var reader = new GroupStateReader(batchReader, batchSizeMax: 100, queriesInFlightMax: 1);

        var first = reader.ReadAsync(Grain("g0"), "state", CancellationToken.None);
        await batchReader.FirstQueryStarted;
        var queued = Enumerable.Range(1, 9).Select(index => reader.ReadAsync(Grain($"g{index}"), "state", CancellationToken.None)).ToList();
        batchReader.ReleaseFirstQuery();

        Assert.Equal(new GrainStateRecord("g0", "1"), await first);
        var answers = await Task.WhenAll(queued);
        Assert.Equal(Enumerable.Range(1, 9).Select(index => index % 2 == 0 ? new GrainStateRecord($"g{index}", "1") : null), answers);
        Assert.Equal([1, 9], batchReader.BatchSizes);
        Assert.Equal((2, 10), (reader.QueryCount, reader.ReadCount));
    }

    [Fact]
    public async Task ReadAsync_NeverPutsMoreThanBatchSizeMaxReadsInOneQuery()
    {
        var batchReader = new ScriptedBatchReader();
        await using var reader = new GroupStateReader(batchReader, batchSizeMax: 4, queriesInFlightMax: 1);

        var first = reader.ReadAsync(Grain("g0"), "state", CancellationToken.None);
        await batchReader.FirstQueryStarted;
        var queued = Enumerable.Range(1, 9).Select(index => reader.ReadAsync(Grain($"g{index}"), "state", CancellationToken.None)).ToList();
        batchReader.ReleaseFirstQuery();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal([1, 4, 4, 1], batchReader.BatchSizes);
    }

    [Fact]
    public async Task ReadAsync_WhenAQueryFails_FailsItsReadsOnly_AndLaterReadsStillWork()
    {
        var batchReader = new ScriptedBatchReader();
        await using var reader = new GroupStateReader(batchReader, batchSizeMax: 100, queriesInFlightMax: 1);

        var first = reader.ReadAsync(Grain("g0"), "state", CancellationToken.None);
        await batchReader.FirstQueryStarted;
        var sharing = new[] { reader.ReadAsync(Grain("g2"), "state", CancellationToken.None), reader.ReadAsync(Grain(ScriptedBatchReader.Broken), "state", CancellationToken.None) };
        batchReader.ReleaseFirstQuery();

        Assert.NotNull(await first);
        foreach (var read in sharing)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => read);
        }

        Assert.Equal(new GrainStateRecord("g4", "1"), await reader.ReadAsync(Grain("g4"), "state", CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_AnswersQueuedReads_ThenRefusesNewOnes()
    {
        var batchReader = new ScriptedBatchReader();
        var reader = new GroupStateReader(batchReader, batchSizeMax: 100, queriesInFlightMax: 1);
        var first = reader.ReadAsync(Grain("g0"), "state", CancellationToken.None);
        await batchReader.FirstQueryStarted;
        var queued = reader.ReadAsync(Grain("g2"), "state", CancellationToken.None);

        var disposing = reader.DisposeAsync().AsTask();
        batchReader.ReleaseFirstQuery();
        await disposing;

        Assert.Equal(new GrainStateRecord("g2", "1"), await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.ReadAsync(Grain("g4"), "state", CancellationToken.None));
        Assert.NotNull(await first);
    }

    private static StoredGrainId Grain(string key) => new("test", key);

    /// <summary>Answers a row for even-numbered keys and none for odd ones; the first query waits to be released.</summary>
    private sealed class ScriptedBatchReader : IStateBatchReader
    {
        public const string Broken = "broken";

        private readonly TaskCompletionSource _firstQueryStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstQueryReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> BatchSizes { get; } = [];

        public Task FirstQueryStarted => _firstQueryStarted.Task;

        public void ReleaseFirstQuery() => _firstQueryReleased.SetResult();

        public async Task<GrainStateRecord?[]> ReadAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken)
        {
            lock (BatchSizes)
            {
                BatchSizes.Add(keys.Count);
            }

            if (_firstQueryStarted.TrySetResult())
            {
                await _firstQueryReleased.Task;
            }

            return keys.Any(key => key.GrainId.Key == Broken)
                ? throw new InvalidOperationException("scripted failure")
                : [.. keys.Select(key => int.Parse(key.GrainId.Key[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0
                    ? new GrainStateRecord(key.GrainId.Key, "1")
                    : null)];
        }
    }
}
