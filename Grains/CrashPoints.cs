namespace PaySim.Grains;

/// <summary>
/// Test hook for the crash test: when the environment variable <c>PAYSIM_CRASH_AT</c> names a crash point, the
/// process dies at that point exactly as under kill -9 (<see cref="Environment.FailFast(string)"/>: no finally
/// blocks, no flushing). Unset, as in production, <see cref="Hit"/> is a comparison with null.
/// Points: <c>transfer.after-debit</c>, <c>trade.after-debit</c>.
/// </summary>
public static class CrashPoints
{
    public const string EnvironmentVariable = "PAYSIM_CRASH_AT";

    public const string TransferAfterDebit = "transfer.after-debit";

    public const string TradeAfterDebit = "trade.after-debit";

    // Read once: the crash test sets it before starting the process, and a hot path should not read the environment.
    private static readonly string? s_armedPoint = Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static void Hit(string pointName)
    {
        if (s_armedPoint is not null && string.Equals(s_armedPoint, pointName, StringComparison.Ordinal))
        {
            Environment.FailFast($"{EnvironmentVariable}={pointName}: test crash point reached.");
        }
    }
}
