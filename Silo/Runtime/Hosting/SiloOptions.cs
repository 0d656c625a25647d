namespace PaySim.Silo.Hosting;

/// <summary>Runtime settings of one silo. Bound from the configuration section <c>PaySim:Silo</c>.</summary>
public sealed class SiloOptions
{
    /// <summary>An activation that received no call for this long is deactivated.</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most live activations; past it the longest-idle ones are deactivated first.</summary>
    public int ActivationCountMax { get; set; } = 100_000;

    /// <summary>How often the silo looks for due reminders (and so the delay of a reminder tick at most).</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A grain call not answered within this time fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
