using System.Data.Common;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Persistence;

/// <summary>
/// The <see cref="IJournaledState{TState}"/> of one activation: a JSON copy of its state row, read when the activation
/// sets up its state (before <c>OnActivateAsync</c>, as Orleans reads <c>IPersistentState</c>), and written with its
/// journal entries in one commit of the group-commit store, only under its ETag.
/// </summary>
internal sealed class JournaledState<TState>(StoredGrainId grainId, string stateName, IGrainStateStore store)
    : IJournaledState<TState>, ILifecycleObserver
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task WriteStateAsync(IReadOnlyList<JournalEntry> journalEntries)
    {
        ArgumentNullException.ThrowIfNull(journalEntries);
        var payload = StateJson.Serialize(State);
        try
        {
            Etag = await store.WriteStateAsync(grainId, stateName, payload, Etag, journalEntries, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Writing {grainId}", exception); // so that Orleans can carry it to the caller
        }

        RecordExists = true;
    }

    public async Task<JournalEntry?> ReadJournalEntryAsync(string entryId)
    {
        try
        {
            return await store.ReadJournalEntryAsync(grainId, entryId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Reading the journal of {grainId}", exception);
        }
    }

    public async Task OnStart(CancellationToken cancellationToken)
    {
        // Read at activation, before any grain call runs: a failure here fails the activation, and Orleans sends it to
        // the callers waiting for it, so it must be one Orleans can carry.
        GrainStateRecord? record;
        try
        {
            record = await store.ReadStateAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw StoreFailures.Translate($"Reading {grainId}", exception);
        }

        State = record?.Payload is { } payload ? StateJson.Deserialize<TState>(payload) ?? new TState() : new TState();
        Etag = record?.Etag;
        RecordExists = record?.Payload is not null;
    }

    public Task OnStop(CancellationToken cancellationToken) => Task.CompletedTask;
}
