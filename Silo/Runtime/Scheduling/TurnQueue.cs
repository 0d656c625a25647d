using System.Diagnostics;

namespace PaySim.Silo.Scheduling;

/// <summary>
/// The mailbox of one activation: turns start in the order they were enqueued. Normally a turn runs to completion
/// (its awaits included) before the next starts, which makes grain code single-threaded without locks. For a
/// reentrant grain (<see cref="PaySim.Runtime.ReentrantAttribute"/>) calls start as soon as they are dequeued and
/// interleave at their awaits, all on one exclusive scheduler; exclusive turns (activation, deactivation) still
/// wait for everything before them. No thread is held while the queue is empty.
/// </summary>
public sealed class TurnQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<Turn> _pending = new();
    private readonly HashSet<Task> _interleaved = [];
    private readonly TaskScheduler? _exclusiveScheduler;
    private bool _running;
    private bool _closed;

    /// <summary>
    /// Creates a mailbox holding <paramref name="firstTurn"/> as its first, exclusive turn. Nothing runs until the
    /// first <see cref="TryEnqueue"/> starts the pump, and then that turn runs before anything queued after it.
    /// </summary>
    public TurnQueue(Func<Task<object?>> firstTurn, bool interleave = false)
    {
        _exclusiveScheduler = interleave ? new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler : null;
        _pending.Enqueue(new Turn(firstTurn, Exclusive: true));
    }

    /// <summary>True while no turn runs and none waits.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return !_running && _pending.Count == 0 && _interleaved.Count == 0;
            }
        }
    }

    /// <summary>Queues a turn; false once the queue was closed (the activation is going away).</summary>
    public bool TryEnqueue(Func<Task<object?>> work, out Task<object?> completion) =>
        TryEnqueue(new Turn(work, Exclusive: false), close: false, out completion);

    /// <summary>Queues a last, exclusive turn and refuses every later one; false if already closed.</summary>
    public bool TryEnqueueLast(Func<Task<object?>> work, out Task<object?> completion) =>
        TryEnqueue(new Turn(work, Exclusive: true), close: true, out completion);

    private bool TryEnqueue(Turn turn, bool close, out Task<object?> completion)
    {
        bool startPump;
        lock (_lock)
        {
            if (_closed)
            {
                completion = Task.FromResult<object?>(null);
                return false;
            }

            _closed = close;
            _pending.Enqueue(turn);
            startPump = !_running;
            _running = true;
        }

        if (startPump)
        {
            // Not flowing the enqueuer's ExecutionContext: the pump serves every caller, not just the first.
            ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.PumpAsync(), this, preferLocal: false);
        }

        completion = turn.Completion.Task;
        return true;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            Turn turn;
            lock (_lock)
            {
                if (!_pending.TryDequeue(out turn!))
                {
                    _running = false;
                    return;
                }
            }

            Debug.Assert(_running, "the pump runs only while marked running");
            if (_exclusiveScheduler is null)
            {
                await RunAsync(turn, turn.Work).ConfigureAwait(false);
            }
            else if (turn.Exclusive)
            {
                await WhenInterleavedTurnsEndAsync().ConfigureAwait(false);
                await RunAsync(turn, () => Start(turn.Work)).ConfigureAwait(false);
            }
            else
            {
                StartInterleaved(turn);
            }
        }
    }

    private static async Task RunAsync(Turn turn, Func<Task<object?>> work)
    {
        try
        {
            turn.Completion.SetResult(await work().ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            turn.Completion.SetException(exception);
        }
    }

    private Task<object?> Start(Func<Task<object?>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _exclusiveScheduler!).Unwrap();

    private void StartInterleaved(Turn turn)
    {
        var running = RunAsync(turn, () => Start(turn.Work));
        lock (_lock)
        {
            _interleaved.Add(running);
        }

        running.ContinueWith(
            (finished, queue) => ((TurnQueue)queue!).Forget(finished),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Forget(Task finished)
    {
        lock (_lock)
        {
            _interleaved.Remove(finished);
        }
    }

    private Task WhenInterleavedTurnsEndAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_interleaved.ToArray());
        }
    }

    private sealed record Turn(Func<Task<object?>> Work, bool Exclusive)
    {
        // Continuations run off the pump, so a caller's code never runs inside another activation's turn.
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
