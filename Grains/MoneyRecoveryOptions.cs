namespace PaySim.Grains;

/// <summary>
/// How the orchestrating grains (transfer, trade payment, merchant order) resume a money movement a crash
/// interrupted, and how long reconciliation accepts one as unfinished. Bound from the configuration section
/// <c>PaySim:Recovery</c>.
/// </summary>
public sealed class MoneyRecoveryOptions
{
    public const string SectionName = "PaySim:Recovery";

    /// <summary>
    /// The in-flight bound when <see cref="InFlightAgeMax"/> is unset, in recovery delays: ten reminder ticks give an
    /// interrupted movement ten chances to resume before reconciliation calls its debit lost.
    /// </summary>
    public const int DefaultInFlightAgeRecoveryDelays = 10;

    /// <summary>
    /// How long after a movement starts its recovery reminder fires if the movement has not finished, and how often it
    /// fires again while it stays unfinished. Far above a normal movement's duration (milliseconds), so the reminder
    /// only ever does work after a crash or a failed step.
    /// </summary>
    public TimeSpan RecoveryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its start reconciliation counts an unfinished movement's debit as money in flight; older, it is a
    /// difference (recovery should have finished it by then). Unset: <see cref="DefaultInFlightAgeRecoveryDelays"/>
    /// × <see cref="RecoveryDelay"/>. Read it through <see cref="InFlightAgeBound"/>.
    /// </summary>
    public TimeSpan? InFlightAgeMax { get; set; }

    /// <summary>The in-flight bound in force: <see cref="InFlightAgeMax"/> if set, otherwise its default.</summary>
    public TimeSpan InFlightAgeBound => InFlightAgeMax ?? RecoveryDelay * DefaultInFlightAgeRecoveryDelays;
}
