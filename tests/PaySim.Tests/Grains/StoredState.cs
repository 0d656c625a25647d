using System.Text.Json;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Grains;

/// <summary>
/// Reads and writes grain rows behind the grains' backs, as a crash would have left them: the silo stores state
/// as System.Text.Json with its general defaults, under the grain type as state name, so that is what these use.
/// </summary>
internal static class StoredState
{
    public static async Task<T?> ReadAsync<T>(IGrainStateStore store, string grainType, string key)
    {
        var record = await store.ReadStateAsync(new StoredGrainId(grainType, key), grainType, CancellationToken.None);
        return record?.Payload is { } payload ? JsonSerializer.Deserialize<T>(payload) : default;
    }

    /// <summary>
    /// Writes a new row as the grain would: a state holding a movement in flight is stored marked so. The state name is
    /// the grain type unless the grain names its state otherwise.
    /// </summary>
    public static Task WriteNewAsync<T>(IGrainStateStore store, string grainType, string key, T state, string? stateName = null) =>
        store.WriteStateAsync(new StoredGrainId(grainType, key), stateName ?? grainType, JsonSerializer.Serialize(state), expectedEtag: null, [],
            MovementInFlight(state), CancellationToken.None);

    /// <summary>Writes a new row's stored text as it is, e.g. a golden document of a shape that older code wrote.</summary>
    public static Task WriteNewPayloadAsync(IGrainStateStore store, string grainType, string key, string payload) =>
        store.WriteStateAsync(new StoredGrainId(grainType, key), grainType, payload, expectedEtag: null, [], CancellationToken.None);

    /// <summary>Replaces a stored row under its current ETag.</summary>
    public static async Task OverwriteAsync<T>(IGrainStateStore store, string grainType, string key, T state)
    {
        var grainId = new StoredGrainId(grainType, key);
        var etag = (await store.ReadStateAsync(grainId, grainType, CancellationToken.None))!.Etag;
        await store.WriteStateAsync(grainId, grainType, JsonSerializer.Serialize(state), etag, [], MovementInFlight(state), CancellationToken.None);
    }

    private static bool MovementInFlight<T>(T state) => state is IMovementMarkedState { HasMovementInFlight: true };
}
