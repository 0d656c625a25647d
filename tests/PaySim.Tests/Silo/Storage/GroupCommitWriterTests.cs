using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Tests.Silo.Storage;

/// <summary>The writer loop alone, over a scripted executor, so batching is deterministic.</summary>
public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task WriteAsync_WritesQueuedDuringACommit_ShareTheNextCommit()
    {
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 100, commitsInFlightMax: 1, NullLogger.Instance);

        var first = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        var queued = Enumerable.Range(1, 9).Select(index => writer.WriteAsync(Write($"w{index}"), CancellationToken.None)).ToList();
        executor.ReleaseFirstBatch();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 9).Select(index => (long?)index), await Task.WhenAll(queued));
        Assert.Equal([1, 9], executor.BatchSizes);
        Assert.Equal((2, 10), (writer.CommitCount, writer.WriteCount));
    }

    /// <summary>PostgreSQL's text holds no NUL: such a key or journal entry id would fail the batch it shares.</summary>
    [Fact]
    public async Task WriteAsync_OfAKeyOrEntryIdWithANulCharacter_FailsAlone_BeforeItIsQueued()
    {
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 100, commitsInFlightMax: 1, NullLogger.Instance);
        var withEntry = new StateWrite(new StoredGrainId("test", "key"), "state", "{}", null,
            [new PaySim.Grains.Persistence.JournalEntry("req:z\0", "{}", DateTimeOffset.UnixEpoch)], DateTimeOffset.UnixEpoch);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(Write("z\0"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(withEntry, CancellationToken.None));

        Assert.Empty(executor.BatchSizes);
        var later = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        executor.ReleaseFirstBatch();
        Assert.Equal(0, await later);
    }

    [Fact]
    public async Task WriteAsync_NeverPutsMoreThanBatchSizeMaxWritesInOneCommit()
    {
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 3, commitsInFlightMax: 1, NullLogger.Instance);

        var first = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        var queued = Enumerable.Range(1, 7).Select(index => writer.WriteAsync(Write($"w{index}"), CancellationToken.None)).ToList();
        executor.ReleaseFirstBatch();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal([1, 3, 3, 1], executor.BatchSizes);
    }

    [Fact]
    public async Task WriteAsync_WhenABatchFails_RerunsEachWriteAloneSoOnlyTheBadOnesFail()
    {
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 100, commitsInFlightMax: 1, NullLogger.Instance);

        var first = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        var good = writer.WriteAsync(Write("w1"), CancellationToken.None);
        var conflicting = writer.WriteAsync(Write(ScriptedExecutor.Conflicting), CancellationToken.None);
        var broken = writer.WriteAsync(Write(ScriptedExecutor.Broken), CancellationToken.None);
        var alsoGood = writer.WriteAsync(Write("w4"), CancellationToken.None);
        executor.ReleaseFirstBatch();

        Assert.Equal([0L, 1L, 4L], await Task.WhenAll(first, good, alsoGood));
        Assert.Null(await conflicting);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.Equal([1, 4, 1, 1, 1, 1], executor.BatchSizes);
        // The refused and the broken write rolled back alone: only the three good ones were committed.
        Assert.Equal((3, 3), (writer.CommitCount, writer.WriteCount));
    }

    [Fact]
    public async Task WriteAsync_WithTwoCommitsInFlight_CommitsQueuedWritesWhileTheFirstBatchWaits()
    {
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 100, commitsInFlightMax: 2, NullLogger.Instance);

        var first = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        var queued = await Task.WhenAll(Enumerable.Range(1, 9).Select(index => writer.WriteAsync(Write($"w{index}"), CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(first.IsCompleted);
        Assert.Equal(Enumerable.Range(1, 9).Select(index => (long?)index), queued);
        executor.ReleaseFirstBatch();
        Assert.Equal(0, await first);
    }

    [Fact]
    public async Task WriteAsync_WithSeveralLoopsWokenByOneWrite_SendsNoEmptyCommit()
    {
        // Every loop waiting for work wakes when a write is queued, and only one of them gets it. An empty commit is
        // not free: on PostgreSQL it takes a pooled connection and a round trip, and it counts as a commit.
        var executor = new ScriptedExecutor();
        await using var writer = new GroupCommitWriter(executor, "test", batchSizeMax: 100, commitsInFlightMax: 4, NullLogger.Instance);
        var first = writer.WriteAsync(Write("w0"), CancellationToken.None);
        await executor.FirstBatchStarted;
        executor.ReleaseFirstBatch();
        await first;

        for (var index = 1; index <= 50; index++)
        {
            Assert.Equal(index, await writer.WriteAsync(Write($"w{index}"), CancellationToken.None));
            await Task.Delay(1); // lets the loops that woke for nothing run before the next write
        }

        lock (executor.BatchSizes)
        {
            Assert.DoesNotContain(0, executor.BatchSizes);
            Assert.Equal(51, executor.BatchSizes.Sum());
        }

        Assert.Equal(51, writer.WriteCount);
        Assert.Equal(writer.CommitCount, executor.BatchSizes.Count);
    }

    // The writer never looks inside a write, so any kind serves; the scripted executor reads the name only.
    private static ReminderRemove Write(string name) => new(new StoredGrainId("test", "key"), name, ExpectedVersion: 1);

    /// <summary>Holds its first batch until released; gives each write the number in its name as version.</summary>
    private sealed class ScriptedExecutor : IBatchExecutor
    {
        public const string Conflicting = "w2-conflicting";
        public const string Broken = "w3-broken";

        private readonly TaskCompletionSource _firstBatchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstBatchReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> BatchSizes { get; } = [];

        public Task FirstBatchStarted => _firstBatchStarted.Task;

        public void ReleaseFirstBatch() => _firstBatchReleased.SetResult();

        public async Task ExecuteInOneTransactionAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
        {
            lock (BatchSizes)
            {
                BatchSizes.Add(batch.Count);
            }

            if (_firstBatchStarted.TrySetResult())
            {
                await _firstBatchReleased.Task;
            }

            foreach (var pending in batch)
            {
                var name = ((ReminderRemove)pending.Write).ReminderName;
                pending.Version = name switch
                {
                    Conflicting => throw new TimeoutException("scripted conflict"),
                    Broken => throw new InvalidOperationException("scripted failure"),
                    _ => long.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }

        public bool IsConflict(Exception exception) => exception is TimeoutException;
    }
}
