using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Delivers one order's payment notification from a durable reminder: the first attempt as soon as the reminder
/// fires, then one per period until the merchant acknowledges or the seed's retry count is spent. Because the
/// schedule is a stored reminder, pending notifications survive restarts and each tick has one owning silo.
/// </summary>
[GrainType("merchantnotification")]
public sealed class MerchantNotificationGrain(
    [PersistentState("notification", StorageNames.Documents)] IPersistentState<MerchantNotificationState> state,
    IMerchantNotificationSender sender,
    TimeProvider timeProvider) : Grain, IMerchantNotificationGrain, IRemindable
{
    /// <summary>Seed 001 §2.3: after the first attempt, up to 5 more, 5 seconds apart.</summary>
    public const int FufuRetryCount = 5;

    public static readonly TimeSpan FufuRetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Seed 002 §1.2: after a failed attempt, up to 3 more, 1 minute apart.</summary>
    public const int AggregatorRetryCount = 3;

    public static readonly TimeSpan AggregatorRetryInterval = TimeSpan.FromMinutes(1);

    private const string DeliverReminder = "deliver";

    public async Task EnqueueAsync(MerchantOrderSnapshot order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (state.RecordExists || order.NotifyUrl is null)
        {
            return;
        }

        state.State = new MerchantNotificationState { Order = order };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(DeliverReminder, TimeSpan.Zero, RetryInterval(order));
    }

    public Task<NotificationStatus?> GetStatusAsync() => Task.FromResult(state.RecordExists
        ? new NotificationStatus(state.State.AttemptCount, state.State.Delivered, state.State.GaveUp, state.State.LastAttemptAt)
        : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.RecordExists && !state.State.Delivered && !state.State.GaveUp)
        {
            var order = state.State.Order!;
            var delivered = await sender.SendAsync(order, CancellationToken.None);
            state.State.AttemptCount++;
            state.State.LastAttemptAt = timeProvider.GetUtcNow();
            state.State.Delivered = delivered;
            state.State.GaveUp = !delivered && state.State.AttemptCount > RetryCount(order);
            await state.WriteStateAsync();
            if (!state.State.Delivered && !state.State.GaveUp)
            {
                return;
            }
        }

        var reminder = await this.GetReminder(DeliverReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static int RetryCount(MerchantOrderSnapshot order) =>
        order.Channel == MerchantOrderChannel.Aggregator ? AggregatorRetryCount : FufuRetryCount;

    private static TimeSpan RetryInterval(MerchantOrderSnapshot order) =>
        order.Channel == MerchantOrderChannel.Aggregator ? AggregatorRetryInterval : FufuRetryInterval;
}
