using System.Globalization;
using System.Runtime.CompilerServices;
using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.Memory;

/// <summary>In-memory grain state with the same ETag and journal rules as the database providers.</summary>
internal sealed class MemoryGrainStateStore : IGrainStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(StoredGrainId, string), (string? Payload, long Version)> _states = [];
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
        StoredGrainId grainId, string stateName, string payload, string? expectedEtag, IReadOnlyList<JournalEntry> journalEntries, CancellationToken cancellationToken)
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
            return Task.FromResult(Format(version + 1));
        }
    }

    public Task<string> ClearStateAsync(StoredGrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var version = CheckVersion(grainId, stateName, expectedEtag);
            _states[(grainId, stateName)] = (null, version + 1);
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
        List<StoredGrainState> rows;
        lock (_lock)
        {
            rows = _states
                .Where(pair => pair.Key.Item1.Type == grainType && pair.Key.Item2 == stateName)
                .Select(pair => new StoredGrainState(pair.Key.Item1.Key, new GrainStateRecord(pair.Value.Payload, Format(pair.Value.Version))))
                .OrderBy(row => row.GrainKey, StringComparer.Ordinal)
                .ToList();
        }

        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public async IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(
        string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<StoredJournalEntry> entries;
        lock (_lock)
        {
            entries = _journals
                .Where(pair => pair.Key.Type == grainType)
                .SelectMany(pair => pair.Value.Values.Select(entry => new StoredJournalEntry(pair.Key.Key, entry)))
                .OrderBy(entry => entry.GrainKey, StringComparer.Ordinal)
                .ThenBy(entry => entry.Entry.Timestamp)
                .ToList();
        }

        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
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

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
