namespace PaySim.Runtime;

/// <summary>
/// The identity of a grain: its type name (e.g. "account") and its key (e.g. "账户1").
/// Storage rows, reminders and activations are all addressed by it.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Longest grain key accepted; keys become primary-key columns, so they are bounded.</summary>
    public const int KeyLengthMax = 256;

    public override string ToString() => $"{Type}/{Key}";
}
