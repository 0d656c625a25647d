using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// A grain that moves money between accounts (transfer, trade, merchant order). The silo calls it when it starts, for
/// every such grain that holds a recovery reminder, so a movement a crash interrupted is finished or undone at once
/// rather than at the reminder's next tick.
/// </summary>
[Alias("paysim.IMovementOrchestratorGrain")]
public interface IMovementOrchestratorGrain : IGrain
{
    /// <summary>Finishes or undoes the grain's unfinished movement, if any; does nothing otherwise.</summary>
    Task ResumeMovementAsync();
}
