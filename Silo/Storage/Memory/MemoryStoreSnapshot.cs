using System.Globalization;
using System.Runtime.CompilerServices;
using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.Memory;

/// <summary>A copy of every row of the memory store, taken under its lock; scans read the copy.</summary>
internal sealed class MemoryStoreSnapshot(
    IReadOnlyList<(StoredGrainId GrainId, string StateName, string? Payload, long Version)> states,
    IReadOnlyList<(StoredGrainId GrainId, JournalEntry Entry)> journal) : IStoreSnapshot
{
    public IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        ReadStatesAsync(grainType, stateName, payload => true);

    public IAsyncEnumerable<StoredGrainState> ReadStatesContainingAsync(
        string grainType, string stateName, string text, CancellationToken cancellationToken) =>
        ReadStatesAsync(grainType, stateName, payload => payload?.Contains(text, StringComparison.Ordinal) == true);

    // Orleans' stock storage never writes into the memory store.
    public IAsyncEnumerable<StoredGrainState> ReadOrleansStorageStatesContainingAsync(
        string stateName, string text, CancellationToken cancellationToken) => AsyncEnumerable.Empty<StoredGrainState>();

    public async IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(
        string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entries = journal
            .Where(row => row.GrainId.Type == grainType)
            .OrderBy(row => row.GrainId.Key, StringComparer.Ordinal)
            .ThenBy(row => row.Entry.Timestamp)
            .ThenBy(row => row.Entry.EntryId, StringComparer.Ordinal);
        foreach (var (grainId, entry) in entries)
        {
            await Task.Yield();
            yield return new StoredJournalEntry(grainId.Key, entry);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async IAsyncEnumerable<StoredGrainState> ReadStatesAsync(string grainType, string stateName, Func<string?, bool> matches)
    {
        var rows = states
            .Where(row => row.GrainId.Type == grainType && row.StateName == stateName && matches(row.Payload))
            .OrderBy(row => row.GrainId.Key, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return new StoredGrainState(row.GrainId.Key, new GrainStateRecord(row.Payload, row.Version.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
