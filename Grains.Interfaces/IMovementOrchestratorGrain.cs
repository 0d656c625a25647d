using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// A grain that moves money between accounts (transfer, trade, merchant order). The silo's recovery calls it for every
/// such grain that holds a recovery reminder: when a silo starts or dies, so a movement a crash interrupted is finished
/// or undone at once, and on its sweep for reminders a recovery delay old.
/// </summary>
[Alias("paysim.IMovementOrchestratorGrain")]
public interface IMovementOrchestratorGrain : IGrain
{
    /// <summary>
    /// Finishes or undoes the grain's unfinished movement and whatever must follow it, if any; then drops the recovery
    /// reminder if nothing is left for it.
    /// </summary>
    Task ResumeMovementAsync();
}
