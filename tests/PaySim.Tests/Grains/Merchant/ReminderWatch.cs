using Orleans.Reminders.Diagnostics;
using Orleans.Runtime;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// Follows one reminder through Orleans' reminder events. The reminder service arms a reminder's next tick on the
/// fake clock in the background (after a registration, after each delivered tick); a test that moved the clock before
/// the tick was armed would make Orleans skip that tick as missed. So a test waits for <see cref="SettledAsync"/>
/// (the next tick armed, or the reminder stopped) before it moves the clock.
/// </summary>
internal sealed class ReminderWatch : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    private readonly Lock _lock = new();
    private readonly GrainId _grainId;
    private readonly string _reminderName;
    private readonly IDisposable _subscription;
    private ReminderEvents.ReminderEvent? _last;

    private ReminderWatch(StoredGrainId grainId, string reminderName)
    {
        _grainId = grainId.ToGrainId();
        _reminderName = reminderName;
        _subscription = ReminderEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Starts following the reminder; create it before the call that registers the reminder.</summary>
    public static ReminderWatch Start(StoredGrainId grainId, string reminderName) => new(grainId, reminderName);

    /// <summary>True while the reminder waits for its next tick on the clock.</summary>
    public bool Armed => Last is ReminderEvents.LocalReminderTickWaitArmed;

    /// <summary>True once the reminder service stopped the reminder (unregistered, or its grain moved away).</summary>
    public bool Stopped => Last is ReminderEvents.LocalReminderStopped;

    private ReminderEvents.ReminderEvent? Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Waits until the reminder either waits for its next tick or was stopped: then moving the clock is safe.</summary>
    public Task SettledAsync() =>
        Eventually.HoldsAsync(() => Armed || Stopped, $"the reminder {_reminderName} of {_grainId} armed its next tick or stopped");

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        if (value.GrainId == _grainId && value.ReminderName == _reminderName)
        {
            lock (_lock)
            {
                _last = value;
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscription.Dispose();
}
