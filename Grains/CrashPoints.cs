using PaySim.Grains.Movements;

namespace PaySim.Grains;

/// <summary>
/// Test hook for the crash tests: when the environment variable <c>PAYSIM_CRASH_AT</c> names a crash point, the
/// process dies at that point exactly as under kill -9 (<see cref="Environment.FailFast(string)"/>: no finally
/// blocks, no flushing). Unset, as in production, <see cref="Hit"/> is a comparison with null.
/// A point is a flow and a step of <see cref="MovementProtocol"/>: <c>transfer.after-debit</c>,
/// <c>merchant-refund.after-reversal-marker</c>; flows are named by <see cref="MovementFlows.Name"/>.
/// </summary>
public static class CrashPoints
{
    public const string EnvironmentVariable = "PAYSIM_CRASH_AT";

    public const string AfterIntent = "after-intent";

    public const string AfterRefusedDebit = "after-refused-debit";

    public const string AfterDebit = "after-debit";

    public const string AfterRefusedCredit = "after-refused-credit";

    public const string AfterReversalMarker = "after-reversal-marker";

    public const string AfterReversal = "after-reversal";

    public const string AfterOutcome = "after-outcome";

    /// <summary>
    /// Every step: a movement whose debit is refused passes the first two and <see cref="AfterOutcome"/>; one that is
    /// reversed passes all the others, in this order.
    /// </summary>
    public static readonly IReadOnlyList<string> Steps =
        [AfterIntent, AfterRefusedDebit, AfterDebit, AfterRefusedCredit, AfterReversalMarker, AfterReversal, AfterOutcome];

    // Read once: the crash test sets it before starting the process, and a hot path should not read the environment.
    private static readonly string? s_armedPoint = Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static string Name(MovementFlow flow, string step) => $"{flow.Name()}.{step}";

    public static void Hit(MovementFlow flow, string step)
    {
        if (s_armedPoint is not null && string.Equals(s_armedPoint, Name(flow, step), StringComparison.Ordinal))
        {
            Environment.FailFast($"{EnvironmentVariable}={s_armedPoint}: test crash point reached.");
        }
    }
}
