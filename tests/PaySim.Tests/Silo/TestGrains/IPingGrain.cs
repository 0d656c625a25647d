using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Calls the grain named <paramref name="otherKey"/>, which calls this one back: a deadlock by design.</summary>
    Task PingAsync(string otherKey, int depth);

    Task<string> EchoAsync(string text);
}
