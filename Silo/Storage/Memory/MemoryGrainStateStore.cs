using System.Globalization;
using System.Runtime.CompilerServices;
using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.Memory;

/// <summary>In-memory grain state with the same ETag and journal rules as the database providers.</summary>
internal sealed class MemoryGrainStateStore(TimeProvider timeProvider) : IGrainStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(StoredGrainId, string), (string? Payload, long Version)> _states = [];
    private readonly Dictionary<(StoredGrainId, string), DateTimeOffset> _inFlightSince = [];
    private readonly Dictionary<StoredGrainId, Dictionary<string, JournalEntry>> _journals = [];

    public Task<GrainStateRecord?> ReadStateAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.TryGetValue((grainId, stateName), out var row)
                ? new GrainStateRecord(row.Payload, Format(row.Version))
                : null);
        }
    }

    public Task<string> WriteStateAsync(
        StoredGrainId grainId,
        string stateName,
        string payload,
        string? expectedEtag,
        IReadOnlyList<JournalEntry> journalEntries,
        bool movementInFlight,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var version = CheckVersion(grainId, stateName, expectedEtag);
            var journal = _journals.TryGetValue(grainId, out var existing) ? existing : _journals[grainId] = [];
            if (journalEntries.Any(entry => journal.ContainsKey(entry.EntryId)) || journalEntries.DistinctBy(e => e.EntryId).Count() != journalEntries.Count)
            {
                throw StateConflicts.Stale(grainId, stateName, expectedEtag);
            }

            foreach (var entry in journalEntries)
            {
                journal.Add(entry.EntryId, entry);
            }

            _states[(grainId, stateName)] = (payload, version + 1);
            Mark((grainId, stateName), movementInFlight);
            return Task.FromResult(Format(version + 1));
        }
    }

    public Task<IReadOnlyList<StoredGrainId>> ReadMovementsInFlightAsync(DateTimeOffset? markedBy, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredGrainId>>(_inFlightSince
                .Where(pair => markedBy is null || pair.Value <= markedBy)
                .Select(pair => pair.Key.Item1)
                .Distinct()
                .ToList());
        }
    }

    public Task<IReadOnlyList<StoredMarkedState>> ReadStatesInFlightAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredMarkedState>>(_inFlightSince.Keys
                .Select(row => new StoredMarkedState(row.Item1, row.Item2, _states[row].Payload))
                .ToList());
        }
    }

    public Task<string> ClearStateAsync(StoredGrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var version = CheckVersion(grainId, stateName, expectedEtag);
            _states[(grainId, stateName)] = (null, version + 1);
            Mark((grainId, stateName), movementInFlight: false);
            return Task.FromResult(Format(version + 1));
        }
    }

    public Task<JournalEntry?> ReadJournalEntryAsync(StoredGrainId grainId, string entryId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_journals.TryGetValue(grainId, out var journal) ? journal.GetValueOrDefault(entryId) : null);
        }
    }

    public async IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(
        string grainType, string stateName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var snapshot = await OpenSnapshotAsync(cancellationToken);
        await foreach (var state in snapshot.ReadAllStatesAsync(grainType, stateName, cancellationToken))
        {
            yield return state;
        }
    }

    public async IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(
        string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var snapshot = await OpenSnapshotAsync(cancellationToken);
        await foreach (var entry in snapshot.ReadAllJournalEntriesAsync(grainType, cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<IStoreSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var states = _states.Select(pair => (pair.Key.Item1, pair.Key.Item2, pair.Value.Payload, pair.Value.Version)).ToList();
            var journal = _journals.SelectMany(pair => pair.Value.Values.Select(entry => (pair.Key, entry))).ToList();
            return Task.FromResult<IStoreSnapshot>(new MemoryStoreSnapshot(states, journal));
        }
    }

    private long CheckVersion(StoredGrainId grainId, string stateName, string? expectedEtag)
    {
        var exists = _states.TryGetValue((grainId, stateName), out var row);
        if (exists ? expectedEtag != Format(row.Version) : expectedEtag is not null)
        {
            throw StateConflicts.Stale(grainId, stateName, expectedEtag);
        }

        return exists ? row.Version : 0;
    }

    private void Mark((StoredGrainId, string) row, bool movementInFlight)
    {
        if (!movementInFlight)
        {
            _inFlightSince.Remove(row);
        }
        else
        {
            _inFlightSince.TryAdd(row, timeProvider.GetUtcNow());
        }
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
