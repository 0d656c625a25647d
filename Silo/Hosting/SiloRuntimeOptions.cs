namespace PaySim.Silo.Hosting;

/// <summary>
/// PaySim's settings of one silo, mapped onto Orleans' own options at start-up. Bound from <c>PaySim:Silo</c>.
/// </summary>
public sealed class SiloRuntimeOptions
{
    public const string SectionName = "PaySim:Silo";

    /// <summary>An activation that received no call for this long is deactivated (Orleans' collection age).</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A grain call not answered within this time fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
