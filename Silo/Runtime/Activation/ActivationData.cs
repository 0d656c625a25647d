using System.Reflection;
using Microsoft.Extensions.Logging;
using PaySim.Runtime;
using PaySim.Silo.Scheduling;
using PaySim.Silo.Storage;
using PaySim.Silo.Timers;

namespace PaySim.Silo.Activation;

/// <summary>
/// One live activation of a grain on this silo: the grain object, its mailbox and its lifecycle.
/// Its first turn constructs the grain and loads its state; its last turn runs <c>OnDeactivateAsync</c> and removes
/// it from the _catalog. Everything here except the mailbox and the idle clock is touched only inside turns.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly GrainClass _grainClass;
    private readonly Catalog _catalog;
    private readonly TurnQueue _turns;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = [];
    private long _lastActiveUtcTicks;
    private Grain? _grain;
    private Exception? _activationFailure;
    private bool _deactivateWhenTurnEnds;

    public ActivationData(GrainId grainId, GrainClass grainClass, Catalog catalog)
    {
        GrainId = grainId;
        _grainClass = grainClass;
        _catalog = catalog;
        // The activation turn is in the mailbox before any caller can see this object, and the pump starts with the
        // first call: no call can run before it. An object that loses the race into the catalog never runs anything.
        _turns = new TurnQueue(ActivateAsync, grainClass.IsReentrant);
        Touch();
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public TimeProvider TimeProvider => _catalog.TimeProvider;

    /// <summary>Completes once the activation has left the _catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    public DateTimeOffset LastActiveAt => new(Interlocked.Read(ref _lastActiveUtcTicks), TimeSpan.Zero);

    public bool IsIdle => _turns.IsIdle;

    /// <summary>Queues a call as a turn; false when this activation is deactivating and the caller must retry.</summary>
    public bool TryInvoke(MethodInfo method, object?[] arguments, out Task<object?> reply)
    {
        Touch();
        return _turns.TryEnqueue(() => RunCallAsync(method, arguments), out reply);
    }

    /// <summary>Queues a timer tick as a turn unless the activation is going away.</summary>
    public bool TryRunTimerTick(Func<Task> tick) =>
        _turns.TryEnqueue(async () => { await tick().ConfigureAwait(false); return null; }, out _);

    /// <summary>Closes the mailbox behind the turns already queued and deactivates after them.</summary>
    public bool StartDeactivation() => _turns.TryEnqueueLast(DeactivateAsync, out _);

    private async Task<object?> ActivateAsync()
    {
        try
        {
            var states = _grainClass.PersistentStates
                .Select(parameter => PersistentStateFactory.Create(GrainId, parameter, _catalog.GrainStorage))
                .ToArray();
            foreach (var state in states.Cast<ILoadableState>())
            {
                await state.ReadStateAsync().ConfigureAwait(false);
            }

            var grain = RuntimeContext.Construct(this, () => _grainClass.Create(_catalog.Services, states));
            await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            _grain = grain;
        }
        catch (Exception exception)
        {
            LogActivationFailed(_catalog.Logger, exception, GrainId);
            _activationFailure = exception;
            StartDeactivation();
        }

        return null;
    }

    private async Task<object?> RunCallAsync(MethodInfo method, object?[] arguments)
    {
        if (_grain is null)
        {
            throw new InvalidOperationException($"Grain {GrainId} could not be activated.", _activationFailure);
        }

        try
        {
            return await _grainClass.GetInvoker(method)(_grain, arguments).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            // This copy of the state is stale: drop the activation so the next call reloads from storage.
            _deactivateWhenTurnEnds = true;
            throw;
        }
        finally
        {
            Touch();
            if (_deactivateWhenTurnEnds)
            {
                StartDeactivation();
            }
        }
    }

    private async Task<object?> DeactivateAsync()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        try
        {
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            LogDeactivationFailed(_catalog.Logger, exception, GrainId);
        }
        finally
        {
            _catalog.Remove(this);
            _deactivated.TrySetResult();
        }

        return null;
    }

    private void Touch() => Interlocked.Exchange(ref _lastActiveUtcTicks, _catalog.TimeProvider.GetUtcNow().UtcTicks);

    void IGrainContext.DeactivateOnIdle() => _deactivateWhenTurnEnds = true;

    Task<IGrainReminder> IGrainContext.RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        _catalog.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    Task IGrainContext.UnregisterReminder(IGrainReminder reminder) => _catalog.Reminders.UnregisterAsync(GrainId, reminder);

    Task<IGrainReminder?> IGrainContext.GetReminder(string reminderName) => _catalog.Reminders.GetAsync(GrainId, reminderName);

    IGrainTimer IGrainContext.RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, _catalog.TimeProvider, _catalog.Logger);
        _timers.Add(timer);
        return timer;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of grain {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed; the activation is removed anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId);
}
