using System.Collections.Concurrent;
using Orleans.Reminders.Diagnostics;
using Orleans.Runtime;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains;

/// <summary>
/// Watches Orleans' reminder diagnostics for one reminder until a silo has armed the wait for its next tick, i.e. its
/// timer exists on the fake clock. A reminder is loaded and armed in the background (after a registration, or when a
/// silo starts); moving the clock before that would let the due time pass unseen. Start watching before the action.
/// </summary>
internal sealed class ReminderArming : IDisposable
{
    private readonly ConcurrentQueue<SiloAddress?> _armedOn = new();
    private readonly IDisposable _subscription;
    private readonly string _what;

    private ReminderArming(GrainId grainId, string reminderName)
    {
        _what = $"reminder '{reminderName}' of {grainId} armed";
        _subscription = Subscribe(ReminderEvents.AllEvents, reminderEvent =>
        {
            if (reminderEvent is ReminderEvents.LocalReminderTickWaitArmed armed && armed.GrainId == grainId && armed.ReminderName == reminderName)
            {
                _armedOn.Enqueue(armed.SiloAddress);
            }
        });
    }

    public static ReminderArming Watch(string grainType, string key, string reminderName) =>
        new(GrainId.Create(grainType, key), reminderName);

    /// <summary>Waits until the reminder was armed (on <paramref name="silo"/>, if given) since watching began.</summary>
    public Task ArmedAsync(SiloAddress? silo = null) =>
        Eventually.HoldsAsync(() => _armedOn.Any(armedOn => silo is null || armedOn == silo), _what + (silo is null ? "" : $" on {silo}"));

    public void Dispose() => _subscription.Dispose();

    private static IDisposable Subscribe<T>(IObservable<T> events, Action<T> onNext) => events.Subscribe(new Observer<T>(onNext));

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
