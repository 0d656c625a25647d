namespace PaySim.Grains.Movements;

/// <summary>The durable reminder an owner holds while a movement of its is unfinished (<see cref="RecoveryReminder"/>).</summary>
internal interface IRecoveryReminder
{
    /// <summary>Whether the owner's stored state is marked while a movement is in flight (<see cref="IRecoveryMarkers.StatesAreMarked"/>).</summary>
    bool StatesAreMarked { get; }

    /// <summary>Whether this activation registered it (and so knows it exists).</summary>
    bool IsArmedHere { get; }

    /// <summary>Registers the reminder; completes once it is stored.</summary>
    Task ArmAsync();

    /// <summary>Removes the reminder; logs rather than throws, since it runs after an outcome that is already the answer.</summary>
    Task DisarmAsync();
}
