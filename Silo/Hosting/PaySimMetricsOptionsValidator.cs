using Microsoft.Extensions.Options;

namespace PaySim.Silo.Hosting;

/// <summary>Rejects metrics settings a process cannot work with, at start-up, saying what to change.</summary>
public sealed class PaySimMetricsOptionsValidator : IValidateOptions<PaySimMetricsOptions>
{
    /// <summary>Each read scans the unfinished movements and the reminder table: not more than once a second.</summary>
    private static readonly TimeSpan SampleIntervalMin = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, PaySimMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.Port is < 1 or > 65535)
        {
            failures.Add("PaySim:Metrics:Port must be a TCP port from 1 to 65535, e.g. 9464, or unset for no scrape port.");
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("PaySim:Metrics:Host must name an address, e.g. 127.0.0.1, or + for every address.");
        }

        if (options.SampleInterval < SampleIntervalMin)
        {
            failures.Add("PaySim:Metrics:SampleInterval must be at least 00:00:01, e.g. 00:00:15.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
