namespace PaySim.Tests.TestingHost;

/// <summary>
/// A clock that moves only when a test says so. Timers (and so <c>Task.Delay(…, timeProvider)</c>) that come due in
/// <see cref="Advance"/> are handed to the thread pool in due order. They are not run on the caller's thread: Orleans
/// runs continuations of its timers inline, and one that waits for the silo would block the test that moved the clock.
/// Tests wait for the effects of a timer (a reminder, a retry) with <see cref="Eventually"/>.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that comes due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt > _now ? next.DueAt : _now;
                next.Reschedule();
            }

            next.Fire();
        }
    }

    private void Schedule(FakeTimer timer, bool active)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (active)
            {
                _timers.Add(timer);
            }
        }
    }

    private DateTimeOffset Now()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly TimerCallback _callback = callback;
        private readonly object? _state = state;

        private TimeSpan _period;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            var active = dueTime != Timeout.InfiniteTimeSpan;
            DueAt = active ? clock.Now() + dueTime : DateTimeOffset.MaxValue;
            clock.Schedule(this, active);
            return true;
        }

        /// <summary>Called under the clock's lock: the next due time, or removal for a one-shot timer.</summary>
        public void Reschedule()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                clock._timers.Remove(this);
                DueAt = DateTimeOffset.MaxValue;
            }
            else
            {
                DueAt += _period;
            }
        }

        public void Fire() => ThreadPool.UnsafeQueueUserWorkItem(static timer => timer._callback(timer._state), this, preferLocal: false);

        public void Dispose() => clock.Schedule(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
