using Microsoft.Extensions.Options;

namespace PaySim.Silo.Hosting;

/// <summary>Rejects settings the silo cannot work with, at start-up, saying what to change.</summary>
public sealed class SiloRuntimeOptionsValidator : IValidateOptions<SiloRuntimeOptions>
{
    /// <summary>Orleans collects idle activations in rounds of about a minute; a shorter age would not be honoured.</summary>
    private static readonly TimeSpan IdleDeactivationAfterMin = TimeSpan.FromMinutes(1);

    /// <summary>Below this, the directory cache would evict the addresses of the grains a load keeps calling.</summary>
    private const int DirectoryCacheSizeMin = 1_000;

    public ValidateOptionsResult Validate(string? name, SiloRuntimeOptions options)
    {
        List<string> failures = [];
        if (options.IdleDeactivationAfter < IdleDeactivationAfterMin)
        {
            failures.Add("PaySim:Silo:IdleDeactivationAfter must be at least 00:01:00, e.g. 00:15:00.");
        }

        if (options.DirectoryCacheSize < DirectoryCacheSizeMin)
        {
            failures.Add($"PaySim:Silo:DirectoryCacheSize must be at least {DirectoryCacheSizeMin}, e.g. 100000.");
        }

        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            failures.Add("PaySim:Silo:ResponseTimeout must be positive, e.g. 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
