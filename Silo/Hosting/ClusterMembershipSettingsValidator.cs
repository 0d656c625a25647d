using System.Net;
using Microsoft.Extensions.Options;

namespace PaySim.Silo.Hosting;

/// <summary>Rejects cluster settings a silo cannot work with, at start-up, saying what to change.</summary>
public sealed class ClusterMembershipSettingsValidator : IValidateOptions<ClusterMembershipSettings>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!Enum.IsDefined(options.FailureDetection))
        {
            failures.Add("PaySim:Cluster:FailureDetection must be Loopback (silos on one machine) or Network (silos on separate machines).");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            failures.Add($"PaySim:Cluster:AdvertisedAddress must be an IP address, e.g. 127.0.0.1 (it is '{options.AdvertisedAddress}').");
        }
        else if (options.Membership == ClusterMembershipKind.PostgreSql
            && options.FailureDetection == FailureDetectionProfile.Loopback
            && !IPAddress.IsLoopback(address))
        {
            // A real network's pauses would trip loopback's one-second probes, and a silo declared dead stops itself.
            failures.Add($"PaySim:Cluster:FailureDetection=Loopback is for silos on one machine; with PaySim:Cluster:AdvertisedAddress={address} set PaySim:Cluster:FailureDetection=Network.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
