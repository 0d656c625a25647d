using System.Text.Json;

namespace PaySim.Silo.Persistence;

/// <summary>
/// How grain states are encoded in the store: System.Text.Json with its general defaults, the encoding PaySim used
/// before the move onto Orleans, so rows written then are read unchanged now.
/// </summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Serialize<T>(T state) => JsonSerializer.Serialize(state, Options);

    public static T? Deserialize<T>(string payload) => JsonSerializer.Deserialize<T>(payload, Options);
}
