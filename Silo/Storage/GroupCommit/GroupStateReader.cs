using System.Threading.Channels;
using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>The store-specific half of grouped reads: how many state rows are read with one query.</summary>
internal interface IStateBatchReader
{
    /// <summary>Reads the rows of <paramref name="keys"/> with one query: one element per key, in order, null where no row exists.</summary>
    Task<GrainStateRecord?[]> ReadAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken);
}

/// <summary>The row of one grain's state.</summary>
internal readonly record struct StateKey(StoredGrainId GrainId, string StateName);

/// <summary>
/// State reads of one store that arrive while earlier ones are in flight wait, then share one query, as writes share
/// one commit. Under load every new transfer or trade activates a grain whose state must be read first; one round
/// trip for all of them, rather than a connection and a round trip each, is what keeps that read from costing as
/// much as the transfer's writes. A read is queued when it is asked for and its query starts after that, so it sees
/// every write acknowledged before it was asked for.
/// </summary>
internal sealed class GroupStateReader : IAsyncDisposable
{
    private readonly IStateBatchReader _reader;
    private readonly int _batchSizeMax;
    private readonly Channel<PendingRead> _queue = Channel.CreateUnbounded<PendingRead>();
    private readonly Task[] _loops;
    private long _queryCount;
    private long _readCount;

    public GroupStateReader(IStateBatchReader reader, int batchSizeMax, int queriesInFlightMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSizeMax);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queriesInFlightMax);
        _reader = reader;
        _batchSizeMax = batchSizeMax;
        _loops = Enumerable.Range(0, queriesInFlightMax).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Queries sent so far; with <see cref="ReadCount"/>, how many reads each served on average.</summary>
    public long QueryCount => Interlocked.Read(ref _queryCount);

    public long ReadCount => Interlocked.Read(ref _readCount);

    /// <summary>Reads one state row, or null when none was ever written. Cancelling stops the wait, not the query.</summary>
    public Task<GrainStateRecord?> ReadAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        var pending = new PendingRead(new StateKey(grainId, stateName));
        return _queue.Writer.TryWrite(pending)
            ? pending.Completion.WaitAsync(cancellationToken)
            : Task.FromException<GrainStateRecord?>(new ObjectDisposedException(nameof(GroupStateReader)));
    }

    /// <summary>Stops accepting reads and waits until every queued one has been answered or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRead>(_batchSizeMax);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _batchSizeMax && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // Another loop may have taken what this one woke for.
            if (batch.Count > 0)
            {
                await ReadBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task ReadBatchAsync(List<PendingRead> batch)
    {
        GrainStateRecord?[] records;
        try
        {
            records = await _reader.ReadAsync([.. batch.Select(pending => pending.Key)], CancellationToken.None).ConfigureAwait(false);
            if (records.Length != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} state reads returned {records.Length} answers.");
            }
        }
        catch (Exception exception)
        {
            // Nothing was changed by a failed read: each caller sees the failure, as it would have alone.
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            return;
        }

        Interlocked.Increment(ref _queryCount);
        Interlocked.Add(ref _readCount, batch.Count);
        for (var index = 0; index < batch.Count; index++)
        {
            batch[index].Complete(records[index]);
        }
    }

    private sealed class PendingRead(StateKey key)
    {
        // Continuations run on the thread pool: a caller's code must never run on (and stall) a reader loop.
        private readonly TaskCompletionSource<GrainStateRecord?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StateKey Key { get; } = key;

        public Task<GrainStateRecord?> Completion => _completion.Task;

        public void Complete(GrainStateRecord? record) => _completion.TrySetResult(record);

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
