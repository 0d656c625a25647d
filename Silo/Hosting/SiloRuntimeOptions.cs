namespace PaySim.Silo.Hosting;

/// <summary>
/// PaySim's settings of one silo, mapped onto Orleans' own options at start-up. Bound from <c>PaySim:Silo</c>.
/// </summary>
public sealed class SiloRuntimeOptions
{
    public const string SectionName = "PaySim:Silo";

    /// <summary>An activation that received no call for this long is deactivated (Orleans' collection age).</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Most grain addresses this silo's directory cache holds (Orleans' <c>GrainDirectoryOptions.CacheSize</c>, whose
    /// default is a million). Orleans keeps the address of every grain it looked up, a settled transfer's too, and its
    /// cache size gauge walks the whole cache and its preallocated buckets each time it is read: once a second while
    /// the dashboard runs. A hundred thousand keeps every hot account's address and bounds that walk.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>A grain call not answered within this time fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
