using Microsoft.Extensions.Options;

namespace PaySim.Grains;

/// <summary>Rejects recovery settings at start-up, saying what to change.</summary>
public sealed class MoneyRecoveryOptionsValidator : IValidateOptions<MoneyRecoveryOptions>
{
    /// <summary>
    /// Shortest delay accepted: a reminder that fires while its movement is still running only queues behind it, but
    /// below a second it would fire on ordinary slow commits and turn every hiccup into a recovery.
    /// </summary>
    public static readonly TimeSpan RecoveryDelayMin = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay accepted: an interrupted movement holds the payer's money in flight until it resumes.</summary>
    public static readonly TimeSpan RecoveryDelayMax = TimeSpan.FromDays(1);

    /// <summary>
    /// Shortest in-flight bound accepted, in recovery delays: an interrupted movement resumes only when its reminder
    /// fires, one delay after its start; below two delays a movement whose first recovery attempt failed would already
    /// be reported as lost money.
    /// </summary>
    public const int InFlightAgeMinRecoveryDelays = 2;

    public ValidateOptionsResult Validate(string? name, MoneyRecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RecoveryDelay < RecoveryDelayMin || options.RecoveryDelay > RecoveryDelayMax)
        {
            return ValidateOptionsResult.Fail(
                $"{MoneyRecoveryOptions.SectionName}:{nameof(MoneyRecoveryOptions.RecoveryDelay)} is {options.RecoveryDelay}; "
                + $"set it between {RecoveryDelayMin} and {RecoveryDelayMax}, e.g. 00:01:00 (the default).");
        }

        var inFlightAgeMin = options.RecoveryDelay * InFlightAgeMinRecoveryDelays;
        return options.InFlightAgeMax is { } inFlightAgeMax && inFlightAgeMax < inFlightAgeMin
            ? ValidateOptionsResult.Fail(
                $"{MoneyRecoveryOptions.SectionName}:{nameof(MoneyRecoveryOptions.InFlightAgeMax)} is {inFlightAgeMax}; "
                + $"set it to at least {InFlightAgeMinRecoveryDelays} × RecoveryDelay ({inFlightAgeMin}), or leave it unset "
                + $"for {MoneyRecoveryOptions.DefaultInFlightAgeRecoveryDelays} × RecoveryDelay.")
            : ValidateOptionsResult.Success;
    }
}
