using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>
/// Writer loops of one store: each takes every write queued so far (up to the batch size), commits them in one
/// transaction and only then completes their tasks. Many grains waiting on one commit, not one commit each, is
/// what lets a store move more money per second than it can fsync. With more than one loop, a batch executes
/// while the previous one waits for its flush. Batches never share a row being written: a grain has at most one
/// state write in flight, because each write needs the ETag the previous one returned.
/// </summary>
internal sealed class GroupCommitWriter : IGroupCommitStatistics, IAsyncDisposable
{
    // A few batches may wait behind the one in flight; past that, callers wait to enqueue (back-pressure).
    private const int QueuedBatchesMax = 4;

    private readonly IBatchExecutor _executor;
    private readonly string _storeName;
    private readonly int _batchSizeMax;
    private readonly ILogger _logger;
    private readonly StorageMetrics _metrics;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task[] _loops;
    private long _commitCount;
    private long _writeCount;

    public GroupCommitWriter(IBatchExecutor executor, string storeName, int batchSizeMax, int commitsInFlightMax, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSizeMax);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(commitsInFlightMax);
        _executor = executor;
        _storeName = storeName;
        _batchSizeMax = batchSizeMax;
        _logger = logger;
        _metrics = new StorageMetrics(storeName);
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(batchSizeMax * QueuedBatchesMax)
        {
            SingleReader = commitsInFlightMax == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = Enumerable.Range(0, commitsInFlightMax).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public long CommitCount => Interlocked.Read(ref _commitCount);

    public long WriteCount => Interlocked.Read(ref _writeCount);

    /// <summary>
    /// Queues a write and waits for its commit. Returns the row's new version, or null when the statement touched
    /// no row (an ETag conflict). <paramref name="cancellationToken"/> only cancels the wait for queue space: once
    /// queued, a write may commit, so its outcome is always awaited.
    /// </summary>
    public async Task<long?> WriteAsync(StorageWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Unstorable() is { } problem)
        {
            throw new ArgumentException(problem, nameof(write));
        }

        var pending = new PendingWrite(write);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.ConfigureAwait(false);
    }

    /// <summary>Stops accepting writes and waits until every queued one has committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_batchSizeMax);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _batchSizeMax && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // Every waiting loop wakes for a queued write and only one gets it: the others go back to waiting
            // rather than commit nothing (on PostgreSQL a pooled connection and a round trip each).
            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _executor.ExecuteInOneTransactionAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // Which write broke the batch is unknown (the transaction rolled back as a whole), so each one runs
            // again in its own transaction: the bad one fails alone and the good ones still commit.
            GroupCommitLog.BatchFailed(_logger, exception, _storeName, batch.Count);
            foreach (var pending in batch)
            {
                await CommitAloneAsync(pending).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception exception)
        {
            FailAlone(batch[0], exception);
            return;
        }

        Count(batch.Count, Stopwatch.GetElapsedTime(started));
        foreach (var pending in batch)
        {
            pending.Commit();
        }
    }

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _executor.ExecuteInOneTransactionAsync([pending], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FailAlone(pending, exception);
            return;
        }

        Count(1, Stopwatch.GetElapsedTime(started));
        pending.Commit();
    }

    private void FailAlone(PendingWrite pending, Exception exception)
    {
        if (_executor.IsConflict(exception))
        {
            // A refused write (e.g. a journal entry id the grain already has) is reported like an ETag conflict.
            pending.Version = null;
            pending.Commit();
            return;
        }

        GroupCommitLog.WriteFailed(_logger, exception, _storeName);
        pending.Fail(exception);
    }

    private void Count(int writeCount, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _commitCount);
        Interlocked.Add(ref _writeCount, writeCount);
        _metrics.Committed(writeCount, elapsed);
    }
}
