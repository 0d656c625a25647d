using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

public interface IInterleavingGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="SignalAsync"/> is called on the same grain.</summary>
    Task WaitForSignalAsync();

    Task SignalAsync();

    /// <summary>Runs two busy sections separated by an await; reports whether another call's code ran inside one.</summary>
    Task<bool> OverlappedAsync();
}
