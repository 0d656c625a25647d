using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Increments an unsynchronised field with an await between its read and its write.</summary>
    Task<int> IncrementAsync();

    Task AppendAsync(int value);

    Task<IReadOnlyList<int>> GetAppendedAsync();

    Task<int> GetActivationCountAsync();
}
