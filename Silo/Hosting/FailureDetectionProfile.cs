using Orleans.Configuration;

namespace PaySim.Silo.Hosting;

/// <summary>
/// How quickly a silo that stopped answering is declared dead (<c>PaySim:Cluster:FailureDetection</c>). Faster means
/// calls held by a killed silo fail over sooner; too fast on a slow or starved host declares a live silo dead, and a
/// silo declared dead stops itself.
/// </summary>
public enum FailureDetectionProfile
{
    /// <summary>Every silo on one machine (the local cluster): a silo is declared dead about 1–1.5 s after it stops answering.</summary>
    Loopback,

    /// <summary>Silos on separate machines: tolerates a real network's pauses; a dead silo is declared dead after about 6–10 s.</summary>
    Network,
}

/// <summary>The Orleans settings behind each <see cref="FailureDetectionProfile"/>, in one place for silos and gateways.</summary>
public static class FailureDetectionProfiles
{
    /// <summary>
    /// Sets the membership options of <paramref name="profile"/>. Indirect probes, probe-timeout extension under local
    /// degradation and the connection liveness check stay on (Orleans' defaults): they keep a starved silo from voting a
    /// live one dead. No probe timeout is ever below 500 ms.
    /// </summary>
    public static void Apply(FailureDetectionProfile profile, ClusterMembershipOptions membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        switch (profile)
        {
            case FailureDetectionProfile.Loopback:
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
                membership.MaxProbeTimeout = TimeSpan.FromSeconds(2);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 2;
                membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                break;
            case FailureDetectionProfile.Network:
                membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                membership.MinProbeTimeout = TimeSpan.FromSeconds(1);
                membership.MaxProbeTimeout = TimeSpan.FromSeconds(8);
                membership.NumMissedProbesLimit = 3;
                membership.NumVotesForDeathDeclaration = 2;
                membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(60);
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(30);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(profile), profile, "Not a failure-detection profile.");
        }

        membership.EnableIndirectProbes = true;
        membership.ExtendProbeTimeoutDuringDegradation = true;
        membership.EnableConnectionLivenessCheck = true;
    }

    /// <summary>How often a cluster gateway (Orleans client) re-reads the list of live silos it may send to.</summary>
    public static TimeSpan GatewayListRefreshPeriod(FailureDetectionProfile profile) => profile switch
    {
        FailureDetectionProfile.Loopback => TimeSpan.FromSeconds(2),
        FailureDetectionProfile.Network => TimeSpan.FromSeconds(10),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Not a failure-detection profile."),
    };
}
