using System.Diagnostics.Metrics;

namespace PaySim.Gateway.Observability;

/// <summary>
/// The gateway's own PaySim series, <see cref="MeterName"/>: what its handlers' grain calls came to. A cluster
/// gateway runs no grain, so the movement counters are the silos'; this is what a gateway can tell about itself, and
/// what an operator watches while silos die: repeats and unanswered calls rise, and fall back once the cluster settled.
/// Tags are fixed words, precomputed, so a call counts with one <c>Add</c> and no allocation.
/// </summary>
public static class GatewayMetrics
{
    public const string MeterName = "PaySim.Gateway";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_grainCalls = s_meter.CreateCounter<long>(
        "paysim.gateway.grain_calls", "{call}",
        "The gateway handlers' grain calls, by policy (repeatable, once, long) and outcome: answered, repeated (a transient "
        + "failure, tried again), unanswered (the request's budget was spent: a 503 TIMEOUT) or failed (any other error).");

    private static readonly KeyValuePair<string, object?>[] s_policies =
        [new("policy", "repeatable"), new("policy", "once"), new("policy", "long")];

    private static readonly KeyValuePair<string, object?>[] s_outcomes =
        [new("outcome", "answered"), new("outcome", "repeated"), new("outcome", "unanswered"), new("outcome", "failed")];

    internal static void GrainCall(GrainCallPolicy policy, GrainCallOutcome outcome) =>
        s_grainCalls.Add(1, s_policies[(int)policy], s_outcomes[(int)outcome]);
}

/// <summary>How a handler's grain call may be retried (<see cref="Apis.GrainCalls"/>).</summary>
internal enum GrainCallPolicy
{
    Repeatable,
    Once,
    Long,
}

/// <summary>What one attempt of a grain call came to.</summary>
internal enum GrainCallOutcome
{
    Answered,
    Repeated,
    Unanswered,
    Failed,
}
