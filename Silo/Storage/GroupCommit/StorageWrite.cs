using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>What one queued write asks the store to do; each kind is one statement (plus its journal rows).</summary>
internal abstract record StorageWrite
{
    /// <summary>
    /// Null when every key of the write can be stored, else why not. A NUL character cannot be held by PostgreSQL's
    /// <c>text</c> (and is refused on SQLite too, so both stores hold the same keys); written in a shared batch it would
    /// fail every write of the batch, so it is refused for its own caller before it is queued.
    /// </summary>
    public string? Unstorable() => this switch
    {
        StateWrite state => StorableKeys.Problem(state.GrainId, state.StateName) ?? UnstorableEntryId(state.JournalEntries),
        ReminderUpsert upsert => StorableKeys.Problem(upsert.GrainId, upsert.ReminderName),
        ReminderRemove remove => StorableKeys.Problem(remove.GrainId, remove.ReminderName),
        _ => null,
    };

    // A loop, not LINQ: every write of every movement passes here.
    private static string? UnstorableEntryId(IReadOnlyList<JournalEntry> entries)
    {
        for (var index = 0; index < entries.Count; index++)
        {
            if (StorableKeys.Problem("journal entry id", entries[index].EntryId) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}

/// <summary>The check of <see cref="StorageWrite.Unstorable"/>, shared with grouped reads.</summary>
internal static class StorableKeys
{
    public static string? Problem(StoredGrainId grainId, string name) =>
        Problem("grain key", grainId.Key) ?? Problem("grain type", grainId.Type) ?? Problem("name", name);

    public static string? Problem(string what, string text) =>
        text.Contains('\0', StringComparison.Ordinal) ? $"The {what} contains a NUL character, which the store cannot hold." : null;
}

/// <summary>
/// A state write (or a clear when <see cref="Payload"/> is null) checked against <see cref="ExpectedVersion"/>
/// (null: no row may exist), appending <see cref="JournalEntries"/> only if the state write itself succeeds.
/// <see cref="MovementInFlight"/> marks the row (from <see cref="ModifiedAt"/>, unless it is marked already) or clears
/// its mark (<see cref="IGrainStateStore.ReadMovementsInFlightAsync"/>).
/// </summary>
internal sealed record StateWrite(
    StoredGrainId GrainId,
    string StateName,
    string? Payload,
    long? ExpectedVersion,
    IReadOnlyList<JournalEntry> JournalEntries,
    DateTimeOffset ModifiedAt,
    bool MovementInFlight = false) : StorageWrite;

/// <summary>
/// Creates a reminder or replaces its schedule, advancing its version. A new row starts at a random
/// <paramref name="FirstVersion"/>, not at 1: a reminder removed and registered again must never repeat a version
/// that a silo may still hold from before the removal (ABA), or that silo could remove the new registration.
/// </summary>
internal sealed record ReminderUpsert(StoredGrainId GrainId, string ReminderName, uint GrainHash, DateTimeOffset StartAt, TimeSpan Period, long FirstVersion)
    : StorageWrite;

/// <summary>Deletes a reminder if its version is still <see cref="ExpectedVersion"/>.</summary>
internal sealed record ReminderRemove(StoredGrainId GrainId, string ReminderName, long ExpectedVersion) : StorageWrite;
