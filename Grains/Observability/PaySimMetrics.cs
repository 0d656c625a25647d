using System.Diagnostics.Metrics;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Observability;

/// <summary>
/// PaySim's meter, <see cref="MeterName"/>, and the instruments the hot paths use: one static meter, so a grain or a
/// store counts with one <c>Add</c> and no lookup. Every process exports it on <c>/metrics</c> (docs/operations.md says
/// what each series means). Tags are precomputed pairs, so a measurement allocates nothing. Money appears only as
/// aggregates, never per account.
/// </summary>
public static class PaySimMetrics
{
    /// <summary>The name every PaySim instrument is published under, the one an exporter subscribes to.</summary>
    public const string MeterName = "PaySim";

    /// <summary>The meter itself; the silo's store instruments and gauges are created on it too.</summary>
    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> s_movements = Meter.CreateCounter<long>(
        "paysim.movements", "{movement}", "Money movements that reached an outcome, by kind and outcome.");

    private static readonly Counter<long> s_resumed = Meter.CreateCounter<long>(
        "paysim.movements.resumed", "{movement}", "Unfinished movements picked up again (a client's retry, a recovery reminder, a silo's start or a dead silo's scan).");

    private static readonly Counter<long> s_notificationAttempts = Meter.CreateCounter<long>(
        "paysim.notification.attempts", "{attempt}", "Merchant notification attempts, by whether the merchant acknowledged them.");

    private static readonly Counter<long> s_notificationsGivenUp = Meter.CreateCounter<long>(
        "paysim.notifications.given_up", "{notification}", "Merchant notifications abandoned after the seed's last retry.");

    /// <summary>Counts one movement between accounts that stored its outcome.</summary>
    internal static void MovementEnded(MovementFlow flow, MovementEnd end) =>
        s_movements.Add(1, MetricTags.Kind(flow), MetricTags.Outcome(end));

    /// <summary>Counts one deposit or withdrawal: applied, or refused with <paramref name="result"/>.</summary>
    internal static void ExternalMovementEnded(MovementKind kind, AccountResult result) =>
        s_movements.Add(1, MetricTags.Kind(kind), result == AccountResult.Ok ? MetricTags.Completed : MetricTags.Refused);

    internal static void MovementResumed(MovementFlow flow) => s_resumed.Add(1, MetricTags.Kind(flow));

    internal static void NotificationAttempted(bool delivered) =>
        s_notificationAttempts.Add(1, delivered ? MetricTags.Delivered : MetricTags.Failed);

    internal static void NotificationGivenUp() => s_notificationsGivenUp.Add(1);
}
