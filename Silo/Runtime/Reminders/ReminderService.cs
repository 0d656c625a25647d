using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Runtime;
using PaySim.Silo.Calls;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Reminders;

/// <summary>
/// Durable reminders: registration writes the reminder table; a poll loop finds due reminders, claims each tick with
/// an ETag-checked advance of its due time (so one silo owns it) and delivers it as a normal grain call. A tick whose
/// delivery dies with its silo is due again one period later: delivery is at least once.
/// </summary>
public sealed partial class ReminderService(
    IStorageProvider storage,
    Lazy<IGrainCallInvoker> invoker,
    TimeProvider timeProvider,
    IOptions<SiloOptions> options,
    ILogger<ReminderService> logger) : IAsyncDisposable
{
    /// <summary>Most reminders claimed per poll; the rest wait for the next poll, so one poll stays short.</summary>
    public const int DueReminderCountMaxPerPoll = 1_000;

    private static readonly MethodInfo ReceiveReminderMethod = typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!;

    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _pollInterval = options.Value.ReminderPollInterval;
    private Task _pollLoop = Task.CompletedTask;
    private int _deliveriesInFlight;

    public int DeliveriesInFlight => Volatile.Read(ref _deliveriesInFlight);

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var nextDue = timeProvider.GetUtcNow() + dueTime;
        await storage.ReminderTable.UpsertAsync(grainId, reminderName, nextDue, period, CancellationToken.None).ConfigureAwait(false);
        return new GrainReminder(reminderName);
    }

    public Task UnregisterAsync(GrainId grainId, IGrainReminder reminder) =>
        storage.ReminderTable.RemoveAsync(grainId, reminder.ReminderName, CancellationToken.None);

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var entry = await storage.ReminderTable.ReadAsync(grainId, reminderName, CancellationToken.None).ConfigureAwait(false);
        return entry is null ? null : new GrainReminder(entry.ReminderName);
    }

    public void Start() => _pollLoop = PollLoopAsync(_stopping.Token);

    /// <summary>Claims and starts delivering every reminder due now; returns how many ticks it claimed.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var due = await storage.ReminderTable.ReadDueAsync(now, DueReminderCountMaxPerPoll, cancellationToken).ConfigureAwait(false);
        var claimed = 0;
        foreach (var entry in due)
        {
            // Ticks missed while no silo ran are not replayed one by one: the next tick is one period from now.
            var nextDue = entry.NextDue + entry.Period;
            if (nextDue <= now)
            {
                nextDue = now + entry.Period;
            }

            if (await storage.ReminderTable.TryAdvanceAsync(entry, nextDue, cancellationToken).ConfigureAwait(false))
            {
                claimed++;
                _ = DeliverAsync(entry, now);
            }
        }

        return claimed;
    }

    /// <summary>Stops polling; deliveries already started run on. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _pollLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_pollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPollFailed(logger, exception);
                await Task.Delay(_pollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(ReminderEntry entry, DateTimeOffset now)
    {
        Interlocked.Increment(ref _deliveriesInFlight);
        try
        {
            var status = new TickStatus(entry.NextDue, now);
            await invoker.Value.InvokeAsync(entry.GrainId, ReceiveReminderMethod, [entry.ReminderName, status]).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(logger, exception, entry.ReminderName, entry.GrainId);
        }
        finally
        {
            Interlocked.Decrement(ref _deliveriesInFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling the reminder table failed; retrying after the poll interval")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of grain {GrainId} failed; it fires again after its period")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);
}
