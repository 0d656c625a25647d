using Microsoft.Extensions.Options;

namespace PaySim.Silo.Hosting;

/// <summary>Rejects settings the runtime cannot work with, at start-up, saying what to change.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        List<string> failures = [];
        if (options.IdleDeactivationAfter <= TimeSpan.Zero)
        {
            failures.Add("PaySim:Silo:IdleDeactivationAfter must be positive, e.g. 00:15:00.");
        }

        if (options.ActivationCountMax < 1)
        {
            failures.Add("PaySim:Silo:ActivationCountMax must be at least 1.");
        }

        if (options.ReminderPollInterval <= TimeSpan.Zero)
        {
            failures.Add("PaySim:Silo:ReminderPollInterval must be positive, e.g. 00:00:01.");
        }

        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            failures.Add("PaySim:Silo:ResponseTimeout must be positive, e.g. 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
