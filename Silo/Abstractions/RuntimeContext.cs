namespace PaySim.Runtime;

/// <summary>
/// The context of the activation being constructed. The runtime sets it around the grain's constructor so that
/// <see cref="Grain"/> can pick it up without every grain class taking it as a parameter.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? _constructing;

    internal static IGrainContext? Constructing => _constructing;

    internal static T Construct<T>(IGrainContext context, Func<T> constructor)
    {
        var previous = _constructing;
        _constructing = context;
        try
        {
            return constructor();
        }
        finally
        {
            _constructing = previous;
        }
    }
}
