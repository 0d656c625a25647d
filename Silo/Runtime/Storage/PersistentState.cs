using System.Text.Json;
using PaySim.Runtime;

namespace PaySim.Silo.Storage;

/// <summary>
/// The runtime's <see cref="IPersistentState{TState}"/>: a JSON copy of one state row, written only under its ETag.
/// </summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, ILoadableState
    where TState : class, new()
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.General);

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync()
    {
        var record = await storage.ReadStateAsync(grainId, stateName, CancellationToken.None).ConfigureAwait(false);
        State = record?.Payload is { } payload
            ? JsonSerializer.Deserialize<TState>(payload, SerializerOptions) ?? new TState()
            : new TState();
        Etag = record?.Etag;
        RecordExists = record?.Payload is not null;
    }

    public Task WriteStateAsync() => WriteStateAsync([]);

    public async Task WriteStateAsync(IReadOnlyList<JournalEntry> journalEntries)
    {
        ArgumentNullException.ThrowIfNull(journalEntries);
        var payload = JsonSerializer.Serialize(State, SerializerOptions);
        Etag = await storage.WriteStateAsync(grainId, stateName, payload, Etag, journalEntries, CancellationToken.None)
            .ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        Etag = await storage.ClearStateAsync(grainId, stateName, Etag, CancellationToken.None).ConfigureAwait(false);
        State = new TState();
        RecordExists = false;
    }

    public Task<JournalEntry?> ReadJournalEntryAsync(string entryId) =>
        storage.ReadJournalEntryAsync(grainId, entryId, CancellationToken.None);
}

/// <summary>Lets an activation load every state of its grain before <c>OnActivateAsync</c> without knowing their types.</summary>
internal interface ILoadableState
{
    Task ReadStateAsync();
}
