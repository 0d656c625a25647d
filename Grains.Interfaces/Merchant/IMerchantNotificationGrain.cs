using Orleans;
using Orleans.Concurrency;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// The payment notification of one merchant order (keyed like the order): delivered to the merchant's notify URL by
/// a durable reminder, retried as its API style prescribes, and so surviving restarts and owned by one silo at a time.
/// </summary>
[Alias("paysim.IMerchantNotificationGrain")]
public interface IMerchantNotificationGrain : IGrainWithStringKey
{
    /// <summary>Schedules delivery of the paid order; a second call for the same order changes nothing.</summary>
    Task EnqueueAsync(MerchantOrderSnapshot order);

    /// <summary>
    /// Starts the retries again if the notification is still pending and this activation is not running them (its
    /// silo died with the one that did); changes nothing otherwise. Recovery calls it after a silo's death, so the
    /// retries go on within seconds rather than at the next tick of the minute-long backstop reminder. Interleaves with
    /// an attempt in progress (up to the sender's timeout), so recovery never waits on a merchant's slow notify URL.
    /// </summary>
    [AlwaysInterleave]
    Task ResumeAsync();

    /// <summary>Returns how delivery stands, or null when nothing was enqueued.</summary>
    Task<NotificationStatus?> GetStatusAsync();
}

/// <summary>How one notification stands: attempts made, and whether the merchant acknowledged it or PaySim gave up.</summary>
[GenerateSerializer, Immutable, Alias("paysim.NotificationStatus")]
public sealed record NotificationStatus(int AttemptCount, bool Delivered, bool GaveUp, DateTimeOffset? LastAttemptAt);
