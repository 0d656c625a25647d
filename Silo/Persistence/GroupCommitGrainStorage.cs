using Orleans.Runtime;
using Orleans.Storage;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Orleans grain storage over PaySim's group-commit store: concurrent writes from many grains share one commit, and a
/// write completes only after its commit. ETags are the row's 64-bit version; a stale write throws
/// <see cref="InconsistentStateException"/> and changes nothing. A state holding a money movement in flight
/// (<see cref="IMovementMarkedState"/>) is marked as such in the same write, for the silo's recovery to find.
/// </summary>
internal sealed class GroupCommitGrainStorage(IGrainStateStore store) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = await store.ReadStateAsync(StoredGrainId.From(grainId), stateName, CancellationToken.None).ConfigureAwait(false);
        var payload = record?.Payload;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : StateJson.Deserialize<T>(payload) ?? Activator.CreateInstance<T>();
        grainState.ETag = record?.Etag;
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = StateJson.Serialize(grainState.State);
        var movementInFlight = grainState.State is IMovementMarkedState { HasMovementInFlight: true };
        grainState.ETag = await store.WriteStateAsync(
            StoredGrainId.From(grainId), stateName, payload, grainState.ETag, [], movementInFlight, CancellationToken.None).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = await store.ClearStateAsync(StoredGrainId.From(grainId), stateName, grainState.ETag, CancellationToken.None)
            .ConfigureAwait(false);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }
}
