namespace PaySim.Silo.Hosting;

/// <summary>
/// How silos find each other, and where a cluster gateway finds them. Bound from <c>PaySim:Cluster</c>; read when the
/// host is built, because it decides which Orleans providers are installed.
/// </summary>
public sealed class ClusterMembershipSettings
{
    public const string SectionName = "PaySim:Cluster";

    /// <summary>Localhost (one silo, the default) or PostgreSql (Orleans' ADO.NET membership table, any number of silos).</summary>
    public ClusterMembershipKind Membership { get; set; } = ClusterMembershipKind.Localhost;

    /// <summary>Npgsql connection string of the membership table; defaults to <c>PaySim:Storage:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silos (and their clients) with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "paysim";

    /// <summary>Stable across deployments: Orleans keys durable data (reminders, storage) by it.</summary>
    public string ServiceId { get; set; } = "paysim";

    /// <summary>Silo-to-silo port (Orleans' default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (cluster gateways) connect to (Orleans' default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; loopback unless set (a deployment decision).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How quickly a silo that stopped answering is declared dead; Loopback unless set (silos on one machine).</summary>
    public FailureDetectionProfile FailureDetection { get; set; } = FailureDetectionProfile.Loopback;
}

/// <summary>The supported membership providers.</summary>
public enum ClusterMembershipKind
{
    Localhost,
    PostgreSql,
}
