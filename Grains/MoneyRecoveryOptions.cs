namespace PaySim.Grains;

/// <summary>
/// How the orchestrating grains (transfer, trade payment, merchant order) resume a money movement a crash
/// interrupted. Bound from the configuration section <c>PaySim:Recovery</c>.
/// </summary>
public sealed class MoneyRecoveryOptions
{
    public const string SectionName = "PaySim:Recovery";

    /// <summary>
    /// How long after a movement starts its recovery reminder fires if the movement has not finished, and how often it
    /// fires again while it stays unfinished. Far above a normal movement's duration (milliseconds), so the reminder
    /// only ever does work after a crash or a failed step.
    /// </summary>
    public TimeSpan RecoveryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
