using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Grains;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Recovery;

/// <summary>
/// Resumes the movements left in flight. At once, every one, when this silo starts and when membership declares
/// another silo dead: the money would otherwise be out of one account and not in the other until a recovery delay
/// later. Then, every recovery delay, the sweep: every one at least a recovery delay old (a movement a failed write or
/// call left unfinished in a living silo, a follow-up still owed, a reminder whose removal failed). Two marks find
/// them: the state row of a transfer or trade is marked by the store while it holds a movement in flight
/// (<see cref="PaySim.Grains.Persistence.IMovementMarkedState"/>), and a merchant order (or, with
/// <c>DocumentStore=AdoNet</c>, any orchestrator) holds a reminder named <c>recover</c>, a row it places itself
/// (<see cref="IRecoveryMarkers"/>; Orleans' reminder service ticks only those it happens to load). Each owner is asked
/// to finish or undo its movement and drop its reminder if nothing is left. Runs in the background; every call is
/// idempotent, so two silos doing it, or a reminder firing meanwhile, harms nothing. Only one silo scans after a death and sweeps (the first active silo by address, as each
/// silo sees membership), so a large cluster does not do it once per silo.
/// Beside the scans at start and after a death, never inside them, a pass resumes the merchant notifications still
/// pending (each holds a reminder named <c>deliver</c>): the dead silo's retry timers died with it, and their
/// minute-long backstop reminder would start them again only up to a minute later, while seed 001 retries every 5
/// seconds.
/// </summary>
internal sealed partial class MovementRecovery(
    IStorageProvider store,
    IGrainFactory grains,
    ISiloStatusOracle membership,
    IOptions<MoneyRecoveryOptions> options,
    TimeProvider timeProvider,
    ILogger<MovementRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>, ISiloStatusListener
{
    /// <summary>Resumes at most this many at once, so a large backlog does not flood the silo the moment it opens.</summary>
    private const int ConcurrentResumesMax = 32;

    /// <summary>A notification that does not answer by then is left to its backstop reminder.</summary>
    private static readonly TimeSpan NotificationResumeTimeout = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _resuming = Task.CompletedTask;
    private Task _sweeping = Task.CompletedTask;
    private Task _notifying = Task.CompletedTask;
    private bool _rescanWanted;

    /// <summary>Completes when no scan is running or wanted (tests: the start-up scan is over before they set a scene).</summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _resuming;
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<MovementRecovery>(ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    public void SiloStatusChangeNotification(SiloAddress updatedSilo, SiloStatus status)
    {
        if (status != SiloStatus.Dead || updatedSilo.Equals(membership.SiloAddress) || !IsFirstActiveSilo())
        {
            return;
        }

        LogSiloDied(logger, updatedSilo);
        ScanSoon();
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        ScanSoon();
        membership.SubscribeToSiloStatusEvents(this);
        _sweeping = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        membership.UnSubscribeFromSiloStatusEvents(this);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task resuming;
        Task notifying;
        lock (_gate)
        {
            (resuming, notifying) = (_resuming, _notifying);
        }

        await Task.WhenAll(resuming, notifying, _sweeping).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool IsFirstActiveSilo()
    {
        var first = membership.GetApproximateSiloStatuses(onlyActive: true).Keys
            .OrderBy(silo => silo.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return first is null || first.Equals(membership.SiloAddress);
    }

    /// <summary>Starts a scan, or asks the running one to scan once more when it ends (a death during a scan).</summary>
    private void ScanSoon()
    {
        lock (_gate)
        {
            if (!_resuming.IsCompleted)
            {
                _rescanWanted = true;
                return;
            }

            _resuming = Task.Run(() => ScanWhileWantedAsync(_stopping.Token), CancellationToken.None);
        }
    }

    private async Task ScanWhileWantedAsync(CancellationToken cancellationToken)
    {
        do
        {
            lock (_gate)
            {
                _rescanWanted = false;
            }

            await ResumeAllAsync(cancellationToken).ConfigureAwait(false);
        }
        while (Volatile.Read(ref _rescanWanted) && !cancellationToken.IsCancellationRequested);
    }

    /// <summary>Every recovery delay, on the first active silo: resumes the owners of reminders due by then.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryDelay, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsFirstActiveSilo())
                {
                    await ResumeAllAsync(cancellationToken, dueBy: timeProvider.GetUtcNow()).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>
    /// Resumes every owner of a recovery reminder or of a state marked as holding a movement in flight, or those due
    /// by <paramref name="dueBy"/>: a reminder first due by then, a state marked a recovery delay before it.
    /// </summary>
    private async Task ResumeAllAsync(CancellationToken cancellationToken, DateTimeOffset? dueBy = null)
    {
        try
        {
            var reminders = await store.ReminderStore.ReadByNameAsync(RecoveryReminder.Name, cancellationToken).ConfigureAwait(false);
            var marked = await store.GrainStateStore.ReadMovementsInFlightAsync(dueBy - options.Value.RecoveryDelay, cancellationToken)
                .ConfigureAwait(false);
            var owners = reminders.Where(reminder => dueBy is null || reminder.StartAt <= dueBy)
                .Select(reminder => reminder.GrainId)
                .Concat(marked)
                .Distinct()
                .Select(owner => owner.ToGrainId())
                .ToList();
            if (dueBy is null)
            {
                ResumeNotificationsSoon();
            }

            if (owners.Count == 0)
            {
                return;
            }

            LogResuming(logger, owners.Count);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentResumesMax, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(owners, parallel, ResumeOneAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping; the reminders resume what is left.
        }
        catch (Exception exception)
        {
            LogScanFailed(logger, exception);
        }
    }

    private async ValueTask ResumeOneAsync(GrainId owner, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IMovementOrchestratorGrain>(owner).ResumeMovementAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reminder is still there: the next sweep retries it.
            LogResumeFailed(logger, exception, owner);
        }
    }

    /// <summary>
    /// Starts a pass over the pending notifications beside the money's scan, never inside it: a death during the pass
    /// must not wait on it. One pass at a time: one asked for while one runs is skipped, and what the running pass
    /// misses (a notification it found alive on a silo that has died since) is left to the backstop reminder.
    /// </summary>
    private void ResumeNotificationsSoon()
    {
        lock (_gate)
        {
            if (_notifying.IsCompleted)
            {
                _notifying = Task.Run(() => ResumeNotificationsAsync(_stopping.Token), CancellationToken.None);
            }
        }
    }

    private async Task ResumeNotificationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var notifications = await store.ReminderStore.ReadByNameAsync(MerchantNotificationGrain.BackstopReminder, cancellationToken).ConfigureAwait(false);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentResumesMax, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(notifications.Select(reminder => reminder.GrainId.ToGrainId()).Distinct(), parallel, ResumeNotificationAsync)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping; the backstop reminders resume what is left.
        }
        catch (Exception exception)
        {
            LogNotificationScanFailed(logger, exception);
        }
    }

    private async ValueTask ResumeNotificationAsync(GrainId notification, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IMerchantNotificationGrain>(notification).ResumeAsync()
                .WaitAsync(NotificationResumeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Its backstop reminder starts it within a minute.
            LogNotificationResumeFailed(logger, exception, notification);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the pending notifications; their backstop reminders resume them within a minute")]
    private static partial void LogNotificationScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resume the notification {Notification}; its backstop reminder resumes it within a minute")]
    private static partial void LogNotificationResumeFailed(ILogger logger, Exception exception, GrainId notification);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; resuming the money movements it may have left in flight")]
    private static partial void LogSiloDied(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Count} money movement(s) left in flight")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the movements left in flight; the next sweep tries again")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resume the movement of {GrainId} yet; the next sweep retries")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, GrainId grainId);
}
