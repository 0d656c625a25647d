using Orleans.Runtime;

namespace PaySim.Grains.Movements;

/// <summary>
/// The recovery reminder's row, written without Orleans' reminder service: the same row a registration stores (name,
/// first tick one period ahead, period), through the store's group commit, usually in the same commit as the state
/// write it goes with. The silo's recovery finds these rows (at start, on a silo's death, and on its sweep every
/// recovery delay) and resumes their owners; Orleans' reminder service also ticks any it loads. Registering through
/// the service instead costs a call to the silo owning the reminder's ring range, a timer there, and a cancelled
/// timer on removal, for a row that almost always lives only the few milliseconds a movement takes.
/// </summary>
internal interface IRecoveryMarkers
{
    /// <summary>
    /// Whether the storage of orchestrators' documents marks a state holding a movement in flight
    /// (<see cref="PaySim.Grains.Persistence.IMovementMarkedState"/>) for recovery to find: PaySim's group-commit store
    /// does, Orleans' stock ADO.NET storage (<c>PaySim:Storage:DocumentStore=AdoNet</c>) does not.
    /// </summary>
    bool StatesAreMarked { get; }

    /// <summary>Stores <paramref name="name"/> for <paramref name="owner"/>, first due one <paramref name="period"/> from now; returns its ETag.</summary>
    Task<string> PlaceAsync(GrainId owner, string name, TimeSpan period);

    /// <summary>Removes the row if its ETag is still <paramref name="etag"/>; false when it was changed or is gone.</summary>
    Task<bool> RemoveAsync(GrainId owner, string name, string etag);
}
