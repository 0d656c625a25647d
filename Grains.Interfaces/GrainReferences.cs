using System.Diagnostics.CodeAnalysis;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// Grain references for the calls every movement and query makes, without Orleans' lookup of the interface type on
/// each <c>GetGrain&lt;T&gt;(key)</c>: it reads <typeparamref name="T"/>'s custom attributes every time, which took
/// 1.4–2.1 % of a loaded node's busy time at three references per transfer (docs/performance.md §10). Here the grain
/// type and interface type of <typeparamref name="T"/> are asked of Orleans once per process, and each reference is
/// made from them and the key: the same reference <c>GetGrain&lt;T&gt;(key)</c> makes.
/// </summary>
public static class GrainReferences
{
    /// <summary>
    /// False for text Orleans refuses as a string key (null, empty, whitespace only): no grain, so no account, can be
    /// named by it, and <see cref="ByKey{T}"/> throws on it.
    /// </summary>
    public static bool CanName([NotNullWhen(true)] string? key) => !string.IsNullOrWhiteSpace(key);

    /// <summary>The grain of interface <typeparamref name="T"/> whose key is <paramref name="key"/>.</summary>
    public static T ByKey<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(key); // as GetGrain<T>(key) does
        var types = TypesOf<T>.Resolved ??= TypesOf<T>.Resolve(grains);
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private static class TypesOf<T>
        where T : IGrainWithStringKey
    {
        /// <summary>
        /// Set once, by whichever call comes first (a race resolves the same pair twice). A reference, so a reader on
        /// another thread sees either nothing or the whole pair, never half of a struct being written.
        /// </summary>
        public static Types? Resolved;

        public static Types Resolve(IGrainFactory grains)
        {
            var probe = (GrainReference)(object)grains.GetGrain<T>("-");
            return new Types(probe.GrainId.Type, probe.InterfaceType);
        }
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
