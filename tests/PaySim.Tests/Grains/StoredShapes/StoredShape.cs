using PaySim.Grains.Accounts;
using PaySim.Silo.Persistence;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// One stored type with a fully populated sample and the encoding production stores it with: grain states through
/// <see cref="StateJson"/> (as the document and journaled stores write them), ledger lines through
/// <see cref="LedgerLine.ToJson"/>. Its golden document is <c>Golden/{Name}.json</c> next to the tests.
/// </summary>
public sealed class StoredShape
{
    private StoredShape(string name, Type type, object sample, Func<object, string> serialize, Func<string, object?> deserialize)
    {
        Name = name;
        Type = type;
        Sample = sample;
        Serialize = serialize;
        Deserialize = deserialize;
    }

    public string Name { get; }

    public Type Type { get; }

    public object Sample { get; }

    public Func<object, string> Serialize { get; }

    public Func<string, object?> Deserialize { get; }

    /// <summary>A grain state, encoded as <see cref="StateJson"/> encodes it for the stores.</summary>
    public static StoredShape State<T>(T sample, string? name = null) where T : class =>
        new(name ?? typeof(T).Name, typeof(T), sample, value => StateJson.Serialize((T)value), StateJson.Deserialize<T>);

    /// <summary>A ledger line, encoded as the account grain encodes its journal entries' payloads.</summary>
    public static StoredShape Ledger(LedgerLine sample) =>
        new(nameof(LedgerLine), typeof(LedgerLine), sample, value => ((LedgerLine)value).ToJson(), LedgerLine.FromJson);

    public override string ToString() => Name;
}
