using System.Collections.Concurrent;
using Orleans.Reminders.Diagnostics;
using Orleans.Runtime;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// Records, from Orleans' reminder diagnostics, on which silos the watched reminders had their next tick armed, i.e.
/// their timer exists on the fake clock. A reminder is loaded and armed in the background (after a registration, when
/// a silo starts, when a silo takes over a dead silo's range); a test that moved the clock before that would let the
/// due time pass unseen, and Orleans would wait for the following tick. Start watching before the action.
/// </summary>
public sealed class ReminderArmings : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    private readonly HashSet<GrainId> _grains;
    private readonly string _reminderName;
    private readonly ConcurrentDictionary<GrainId, ConcurrentQueue<SiloAddress>> _armedOn = new();
    private readonly IDisposable _subscription;

    public ReminderArmings(IEnumerable<GrainId> grains, string reminderName)
    {
        _grains = grains.ToHashSet();
        _reminderName = reminderName;
        _subscription = ReminderEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Watches one reminder of one grain.</summary>
    public static ReminderArmings Watch(string grainType, string key, string reminderName) =>
        new([GrainId.Create(grainType, key)], reminderName);

    public IReadOnlyCollection<SiloAddress> ArmedOn(GrainId grainId) =>
        _armedOn.TryGetValue(grainId, out var silos) ? silos.ToArray() : [];

    /// <summary>Waits until the reminder of <paramref name="grainId"/> was armed on a silo <paramref name="onSilo"/> accepts.</summary>
    public Task ArmedAsync(GrainId grainId, Func<SiloAddress, bool> onSilo, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => ArmedOn(grainId).Any(onSilo), $"reminder '{_reminderName}' of {grainId} armed", timeout);

    /// <summary>Waits until the only watched reminder was armed (on <paramref name="silo"/>, if given).</summary>
    public Task ArmedAsync(SiloAddress? silo = null) =>
        ArmedAsync(_grains.Single(), armedOn => silo is null || armedOn == silo);

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        if (value is ReminderEvents.LocalReminderTickWaitArmed armed && armed.ReminderName == _reminderName
            && _grains.Contains(armed.GrainId) && armed.SiloAddress is { } silo)
        {
            _armedOn.GetOrAdd(armed.GrainId, _ => new ConcurrentQueue<SiloAddress>()).Enqueue(silo);
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
