namespace PaySim.Silo.Storage;

/// <summary>
/// How the store addresses a grain: its Orleans grain type (e.g. "account") and its string key (e.g. "账户1"), each a
/// column of every table. Kept apart from Orleans' <c>GrainId</c> so that rows written before the move onto Orleans
/// and rows written after it have the same key.
/// </summary>
public readonly record struct StoredGrainId(string Type, string Key)
{
    /// <summary>Longest grain key accepted; keys become primary-key columns, so they are bounded.</summary>
    public const int KeyLengthMax = 256;

    public static StoredGrainId From(Orleans.Runtime.GrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);

    public Orleans.Runtime.GrainId ToGrainId() => Orleans.Runtime.GrainId.Create(Type, Key);

    public override string ToString() => $"{Type}/{Key}";
}
