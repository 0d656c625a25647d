using PaySim.Grains.Persistence;

namespace PaySim.Grains;

/// <summary>
/// Lets the interleaved calls of a <see cref="Orleans.Concurrency.ReentrantAttribute"/> grain share state writes: while one write is
/// in flight, every change made meanwhile waits and then goes out together in the next write, with all its journal
/// entries. Each caller's task completes only once a write containing its change has committed.
/// If a write fails, every uncommitted change is dropped (the state goes back to <see cref="Committed"/>), every
/// waiting caller gets the failure, and the grain is retired so its next activation reloads what was stored.
/// Used only from grain code, so all of it runs on the activation's exclusive scheduler.
/// </summary>
internal sealed class CoalescedStateWriter<TState>(IJournaledState<TState> state, Action retire)
    where TState : class, new()
{
    private readonly List<JournalEntry> _entries = [];
    private TaskCompletionSource? _next;
    private Task _writing = Task.CompletedTask;
    private Task _loop = Task.CompletedTask;
    private Exception? _failure;

    /// <summary>The state as last committed: what reads should answer, since later changes may still fail.</summary>
    public TState Committed { get; private set; } = state.State;

    /// <summary>Makes <paramref name="next"/> the state and completes once it is committed with <paramref name="entries"/>.</summary>
    public Task CommitAsync(TState next, IReadOnlyList<JournalEntry> entries)
    {
        if (_failure is not null)
        {
            return Task.FromException(_failure);
        }

        state.State = next;
        _entries.AddRange(entries);
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = _next.Task;
        if (_loop.IsCompleted)
        {
            _loop = WriteWhilePendingAsync();
        }

        return committed;
    }

    /// <summary>Completes once every change made so far is committed (or fails with the write's failure).</summary>
    public Task WhenCommittedAsync() =>
        _failure is not null ? Task.FromException(_failure) : _next?.Task ?? _writing;

    private async Task WriteWhilePendingAsync()
    {
        while (_next is { } batch && _failure is null)
        {
            _next = null;
            JournalEntry[] entries = [.. _entries];
            _entries.Clear();
            var snapshot = state.State;
            _writing = batch.Task;
            try
            {
                await state.WriteStateAsync(entries);
                Committed = snapshot;
                batch.SetResult();
            }
            catch (Exception exception)
            {
                Fail(batch, exception);
            }
        }
    }

    private void Fail(TaskCompletionSource batch, Exception exception)
    {
        _failure = exception;
        state.State = Committed;
        _entries.Clear();
        batch.SetException(exception);
        _next?.SetException(exception);
        _next = null;
        retire();
    }
}
