using System.Text.Json;
using PaySim.Runtime;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Grains;

/// <summary>
/// Reads and writes grain rows behind the grains' backs, as a crash would have left them: the runtime stores state
/// as System.Text.Json with its general defaults, so that is what these use.
/// </summary>
internal static class StoredState
{
    public static async Task<T?> ReadAsync<T>(IGrainStorage storage, string grainType, string key)
    {
        var record = await storage.ReadStateAsync(new GrainId(grainType, key), grainType, CancellationToken.None);
        return record?.Payload is { } payload ? JsonSerializer.Deserialize<T>(payload) : default;
    }

    public static Task WriteNewAsync<T>(IGrainStorage storage, string grainType, string key, T state) =>
        storage.WriteStateAsync(new GrainId(grainType, key), grainType, JsonSerializer.Serialize(state), expectedEtag: null, [], CancellationToken.None);
}
