using System.Reflection;
using PaySim.Runtime;

namespace PaySim.Silo.Calls;

/// <summary>
/// The one path every grain call takes, from a grain reference (or a reminder) to an activation.
/// Today it routes to this silo's catalog; a silo-to-silo transport plugs in here by routing some ids elsewhere.
/// </summary>
public interface IGrainCallInvoker
{
    /// <summary>Runs <paramref name="method"/> (of a grain interface or <see cref="IRemindable"/>) on the grain as one turn.</summary>
    Task<object?> InvokeAsync(GrainId target, MethodInfo method, object?[] arguments);
}
