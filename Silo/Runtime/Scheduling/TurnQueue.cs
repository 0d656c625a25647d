using System.Diagnostics;

namespace PaySim.Silo.Scheduling;

/// <summary>
/// The mailbox of one activation: turns run one at a time, in the order they were enqueued, and a turn runs to
/// completion (its awaits included) before the next starts. That is what makes grain code single-threaded without
/// locks. No thread is held while the queue is empty; the pump is scheduled on the thread pool when work arrives.
/// </summary>
public sealed class TurnQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<Turn> _pending = new();
    private bool _running;
    private bool _closed;

    /// <summary>True while no turn runs and none waits.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return !_running && _pending.Count == 0;
            }
        }
    }

    /// <summary>Queues a turn; false once the queue was closed (the activation is going away).</summary>
    public bool TryEnqueue(Func<Task<object?>> work, out Task<object?> completion) => TryEnqueue(work, close: false, out completion);

    /// <summary>Queues a last turn and refuses every later one; false if already closed.</summary>
    public bool TryEnqueueLast(Func<Task<object?>> work, out Task<object?> completion) => TryEnqueue(work, close: true, out completion);

    private bool TryEnqueue(Func<Task<object?>> work, bool close, out Task<object?> completion)
    {
        var turn = new Turn(work);
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
            try
            {
                turn.Completion.SetResult(await turn.Work().ConfigureAwait(false));
            }
            catch (Exception exception)
            {
                turn.Completion.SetException(exception);
            }
        }
    }

    private sealed class Turn(Func<Task<object?>> work)
    {
        public Func<Task<object?>> Work { get; } = work;

        // Continuations run off the pump, so a caller's code never runs inside another activation's turn.
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
