namespace PaySim.Grains.Persistence;

/// <summary>
/// A state the store marks, in the same write, while it holds a money movement in flight. The store indexes marked
/// rows, so the silo's recovery finds an interrupted movement from its stored intent alone, with no reminder row of
/// its own (docs/design.md, section 3).
/// </summary>
public interface IMovementMarkedState
{
    /// <summary>True while a movement is stored as in flight; the write that stores its outcome clears the mark.</summary>
    bool HasMovementInFlight { get; }
}
