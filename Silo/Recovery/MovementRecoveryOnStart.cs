using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Recovery;

/// <summary>
/// When the silo has started, resumes every movement a crash left in flight, at once. Orleans would fire their
/// recovery reminders only at the next tick of each reminder's schedule, up to one recovery delay later; meanwhile
/// the money would be out of one account and not in the other. Each orchestrator holding a reminder named
/// <c>recover</c> is asked to finish or undo its movement (a no-op if it has none). Runs in the background, so
/// start-up does not wait for it, and every silo does it when it starts: the calls are idempotent.
/// </summary>
internal sealed partial class MovementRecoveryOnStart(
    IStorageProvider store,
    IGrainFactory grains,
    ILogger<MovementRecoveryOnStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Resumes at most this many at once, so a large backlog does not flood the silo the moment it opens.</summary>
    private const int ConcurrentResumesMax = 32;

    private readonly CancellationTokenSource _stopping = new();
    private Task _resuming = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<MovementRecoveryOnStart>(ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _resuming = Task.Run(() => ResumeAllAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _resuming.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ResumeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Equal bounds read the whole ring: every silo resumes every movement, not only those of its own range,
            // because the ranges are still settling while a cluster starts.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Count} money movement(s) left in flight before this silo started")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the movements left in flight; their reminders resume them on schedule")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resume the movement of {GrainId} yet; its reminder retries")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, GrainId grainId);
}
