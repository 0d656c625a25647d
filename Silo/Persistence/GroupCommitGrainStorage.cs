using System.Data.Common;
using Orleans.Runtime;
using Orleans.Storage;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Orleans grain storage over PaySim's group-commit store: concurrent writes from many grains share one commit, and a
/// write completes only after its commit. ETags are the row's 64-bit version; a stale write throws
/// <see cref="InconsistentStateException"/> and changes nothing. A state holding a money movement in flight
/// (<see cref="IMovementMarkedState"/>) is marked as such in the same write, for the silo's recovery to find. A state
/// whose grain is nearly always new (<see cref="IDeferredReadState"/>) is not read at activation: its first write creates
/// the row, or finds one and loads it instead of writing.
/// </summary>
internal sealed class GroupCommitGrainStorage(IGrainStateStore store) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (DefersRead<T>.AtActivation && grainState.ETag is null && !grainState.RecordExists)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = DeferredRead.Etag;
            return Task.CompletedTask;
        }

        return LoadAsync(stateName, grainId, grainState);
    }

    // Each store call below is translated where it fails (StoreFailures), so that Orleans can carry the failure to the
    // caller; the message is built only then.
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = StateJson.Serialize(grainState.State);
        var movementInFlight = grainState.State is IMovementMarkedState { HasMovementInFlight: true };
        var readDeferred = grainState.ETag == DeferredRead.Etag;
        try
        {
            grainState.ETag = await store.WriteStateAsync(
                StoredGrainId.From(grainId), stateName, payload, readDeferred ? null : grainState.ETag, [], movementInFlight, CancellationToken.None)
                .ConfigureAwait(false);
            grainState.RecordExists = true;
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Writing {stateName} of {grainId}", exception);
        }
        catch (InconsistentStateException) when (readDeferred)
        {
            // The deferred read, done now: the id was used before. The grain's commit sees its state replaced
            // (StoredStateFoundException) and answers from what is stored; Orleans logs no failed write for a retry.
            await LoadAsync(stateName, grainId, grainState).ConfigureAwait(false);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expectedEtag = grainState.ETag == DeferredRead.Etag ? null : grainState.ETag;
        try
        {
            grainState.ETag = await store.ClearStateAsync(StoredGrainId.From(grainId), stateName, expectedEtag, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Clearing {stateName} of {grainId}", exception);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private async Task LoadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        GrainStateRecord? record;
        try
        {
            record = await store.ReadStateAsync(StoredGrainId.From(grainId), stateName, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Reading {stateName} of {grainId}", exception);
        }

        var payload = record?.Payload;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : StateJson.Deserialize<T>(payload) ?? Activator.CreateInstance<T>();
        grainState.ETag = record?.Etag;
        grainState.RecordExists = payload is not null;
    }

    private static class DefersRead<T>
    {
        public static readonly bool AtActivation = typeof(IDeferredReadState).IsAssignableFrom(typeof(T));
    }
}
