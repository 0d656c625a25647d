using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Observability;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Delivers the notification of one paid order to the merchant's notify URL, with the seed's retries: seed 001 five
/// times every 5 seconds, seed 002 three times every minute. The retries run on a grain timer, because Orleans
/// reminders tick at most once a minute; a reminder with a period of a minute is the durable backstop that starts the
/// timer again if the activation (or its silo) went away before the notification was delivered or given up on.
/// The backstop is registered before the notification is stored, and <see cref="EnqueueAsync"/> answers only once
/// both are: the order clears its pending flag only then, so no stored notification is ever left without a retry.
/// </summary>
[GrainType("merchantnotification")]
public sealed partial class MerchantNotificationGrain(
    [PersistentState("notification", StorageNames.Documents)] IPersistentState<MerchantNotificationState> state,
    IMerchantNotificationSender sender,
    TimeProvider timeProvider,
    ILogger<MerchantNotificationGrain> logger) : Grain, IMerchantNotificationGrain, IRemindable
{
    public const int FufuRetryCount = 5;

    public static readonly TimeSpan FufuRetryInterval = TimeSpan.FromSeconds(5);

    public const int AggregatorRetryCount = 3;

    public static readonly TimeSpan AggregatorRetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>Orleans' default shortest reminder period; the backstop needs no shorter one.</summary>
    private static readonly TimeSpan BackstopPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Held while a notification is pending; the silo counts these as the notifications pending.</summary>
    internal const string BackstopReminder = "deliver";

    /// <summary>
    /// How many ticks in a row may find the merchant's grain unreachable (its silo just died) without spending one of
    /// the merchant's attempts: the merchant received nothing. Past it each such tick counts until one sends again, so
    /// the retries still end.
    /// </summary>
    public const int UnsentInARowMax = 12;

    private IGrainTimer? _retries;

    /// <summary>Ticks in a row, in this activation, that could not send because the merchant's grain was unreachable.</summary>
    private int _unsentInARow;

    private bool IsPending => state.RecordExists && !state.State.Delivered && !state.State.GaveUp;

    public async Task EnqueueAsync(MerchantOrderSnapshot order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.NotifyUrl is null || (state.RecordExists && !IsPending))
        {
            return;
        }

        // Registered first: a backstop without its notification (a crash before the write) fires, finds nothing pending
        // and drops itself. Registered again when the notification is already stored, since the first enqueue may have
        // died between the two (the order then enqueues again).
        await this.RegisterOrUpdateReminder(BackstopReminder, BackstopPeriod, BackstopPeriod);
        if (!state.RecordExists)
        {
            await state.CommitAsync(new MerchantNotificationState { Order = order }, DeactivateOnIdle);
        }

        StartRetries();
    }

    public Task ResumeAsync()
    {
        if (IsPending)
        {
            StartRetries();
        }

        return Task.CompletedTask;
    }

    public Task<NotificationStatus?> GetStatusAsync() => Task.FromResult(state.RecordExists
        ? new NotificationStatus(state.State.AttemptCount, state.State.Delivered, state.State.GaveUp, state.State.LastAttemptAt)
        : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (IsPending)
        {
            StartRetries();
            return;
        }

        await DropBackstopAsync();
    }

    /// <summary>
    /// Starts the retry timer unless this activation runs it already. Its first tick comes an interval after the last
    /// attempt (at once for a notification never attempted, or attempted longer ago), so the seed's interval holds
    /// when another activation takes over.
    /// </summary>
    private void StartRetries() =>
        _retries ??= this.RegisterGrainTimer(AttemptAsync, new GrainTimerCreationOptions(FirstTickDue(), RetryInterval(state.State.Order!))
        {
            // The timer keeps the activation alive between attempts, so the seed's interval holds without the backstop.
            KeepAlive = true,
        });

    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        if (IsPending)
        {
            var order = state.State.Order!;
            var attempt = await TrySendAsync(order, cancellationToken);
            if (attempt != SendAttempt.NotSent)
            {
                _unsentInARow = 0;
            }
            else if (_unsentInARow < UnsentInARowMax)
            {
                _unsentInARow++;
                return;
            }

            var delivered = attempt == SendAttempt.Acknowledged;
            var next = state.State.Clone();
            next.AttemptCount++;
            next.LastAttemptAt = timeProvider.GetUtcNow();
            next.Delivered = delivered;
            next.GaveUp = !delivered && next.AttemptCount > RetryCount(order);
            await state.CommitAsync(next, DeactivateOnIdle);
            PaySimMetrics.NotificationAttempted(delivered);
            if (next.GaveUp)
            {
                PaySimMetrics.NotificationGivenUp();
            }

            if (IsPending)
            {
                return;
            }
        }

        _retries?.Dispose();
        _retries = null;
        await DropBackstopAsync();
    }

    /// <summary>
    /// One attempt. A sender that throws because the merchant's grain, which signs the notification, could not be
    /// reached (its silo died, or did not answer in time) sent nothing: the tick is not the merchant's attempt. A sender
    /// that throws otherwise (a notification it cannot build) has made a failed attempt, so the seed's retry count still
    /// ends the retries. The timer's own cancellation (the activation is going away) is neither: the backstop starts the
    /// retries again.
    /// </summary>
    private async Task<SendAttempt> TrySendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(order, cancellationToken) ? SendAttempt.Acknowledged : SendAttempt.NotAcknowledged;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsUnreachable(exception))
        {
            LogNotSent(logger, exception, order.MerchantId, order.OrderNumber, exception.GetType().Name);
            return SendAttempt.NotSent;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogAttemptThrew(logger, exception, order.MerchantId, order.OrderNumber);
            return SendAttempt.NotAcknowledged;
        }
    }

    /// <summary>A grain call that did not reach its grain or was not answered, as Orleans reports it.</summary>
    private static bool IsUnreachable(Exception exception) =>
        exception is TimeoutException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification of order {OrderNumber} of merchant {MerchantId} could not be attempted; counted as a failed attempt")]
    private static partial void LogAttemptThrew(ILogger logger, Exception exception, string merchantId, string orderNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification of order {OrderNumber} of merchant {MerchantId} not sent: the merchant's grain could not be reached ({Failure}); tried again at the next interval, not counted as an attempt")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string merchantId, string orderNumber, string failure);

    private Task DropBackstopAsync() => GrainReminders.TryUnregisterAsync(this, BackstopReminder, handle: null, logger);

    private TimeSpan FirstTickDue()
    {
        var due = state.State.LastAttemptAt + RetryInterval(state.State.Order!) - timeProvider.GetUtcNow();
        return due > TimeSpan.Zero ? due.Value : TimeSpan.Zero;
    }

    private static int RetryCount(MerchantOrderSnapshot order) =>
        order.Channel == MerchantOrderChannel.Aggregator ? AggregatorRetryCount : FufuRetryCount;

    private static TimeSpan RetryInterval(MerchantOrderSnapshot order) =>
        order.Channel == MerchantOrderChannel.Aggregator ? AggregatorRetryInterval : FufuRetryInterval;

    private enum SendAttempt
    {
        /// <summary>Sent, and the merchant acknowledged it as its API style requires.</summary>
        Acknowledged,

        /// <summary>Sent and not acknowledged, or failed in a way that is the notification's own.</summary>
        NotAcknowledged,

        /// <summary>Nothing reached the merchant: its grain, which signs the notification, could not be reached.</summary>
        NotSent,
    }
}
