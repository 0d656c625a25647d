using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync(string otherKey, int depth) =>
        depth == 0 ? Task.CompletedTask : GrainFactory.GetGrain<IPingGrain>(otherKey).PingAsync(GrainKey, depth - 1);

    public Task<string> EchoAsync(string text) =>
        text == "fail" ? throw new ArgumentException("asked to fail") : Task.FromResult(text);
}
