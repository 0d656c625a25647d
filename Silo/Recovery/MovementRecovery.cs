using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Recovery;

/// <summary>
/// Resumes at once every movement a crash left in flight: when this silo starts, and when membership declares another
/// silo dead. Orleans would fire their recovery reminders only at the next tick of each reminder's schedule, up to one
/// recovery delay later; meanwhile the money would be out of one account and not in the other. Each orchestrator
/// holding a reminder named <c>recover</c> is asked to finish or undo its movement (a no-op if it has none). Runs in
/// the background; every call is idempotent, so two silos doing it, or a reminder firing meanwhile, harms nothing.
/// After a death only one survivor scans (the first active silo by address, as each survivor sees membership), so a
/// large cluster does not scan once per silo; if the survivors' views disagree, the reminders still finish the rest.
/// </summary>
internal sealed partial class MovementRecovery(
    IStorageProvider store,
    IGrainFactory grains,
    ISiloStatusOracle membership,
    ILogger<MovementRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>, ISiloStatusListener
{
    /// <summary>Resumes at most this many at once, so a large backlog does not flood the silo the moment it opens.</summary>
    private const int ConcurrentResumesMax = 32;

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _resuming = Task.CompletedTask;
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
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        membership.UnSubscribeFromSiloStatusEvents(this);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task resuming;
        lock (_gate)
        {
            resuming = _resuming;
        }

        await resuming.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task ResumeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Equal bounds read the whole ring: the ranges are still settling while a cluster starts or a silo dies.
            var reminders = await store.ReminderStore.ReadByHashRangeAsync(0, 0, cancellationToken).ConfigureAwait(false);
            var owners = reminders.Where(reminder => reminder.ReminderName == RecoveryReminder.Name)
                .Select(reminder => reminder.GrainId.ToGrainId())
                .Distinct()
                .ToList();
            if (owners.Count == 0)
            {
                return;
            }

            LogResuming(logger, owners.Count);
            var options = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentResumesMax, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(owners, options, ResumeOneAsync).ConfigureAwait(false);
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
            // The reminder is still there and retries it on its schedule.
            LogResumeFailed(logger, exception, owner);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; resuming the money movements it may have left in flight")]
    private static partial void LogSiloDied(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Count} money movement(s) left in flight")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the movements left in flight; their reminders resume them on schedule")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resume the movement of {GrainId} yet; its reminder retries")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, GrainId grainId);
}
