using PaySim.Grains.Persistence;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>What one queued write asks the store to do; each kind is one statement (plus its journal rows).</summary>
internal abstract record StorageWrite;

/// <summary>
/// A state write (or a clear when <see cref="Payload"/> is null) checked against <see cref="ExpectedVersion"/>
/// (null: no row may exist), appending <see cref="JournalEntries"/> only if the state write itself succeeds.
/// </summary>
internal sealed record StateWrite(
    StoredGrainId GrainId,
    string StateName,
    string? Payload,
    long? ExpectedVersion,
    IReadOnlyList<JournalEntry> JournalEntries,
    DateTimeOffset ModifiedAt) : StorageWrite;

/// <summary>
/// Creates a reminder or replaces its schedule, advancing its version. A new row starts at a random
/// <paramref name="FirstVersion"/>, not at 1: a reminder removed and registered again must never repeat a version
/// that a silo may still hold from before the removal (ABA), or that silo could remove the new registration.
/// </summary>
internal sealed record ReminderUpsert(StoredGrainId GrainId, string ReminderName, uint GrainHash, DateTimeOffset StartAt, TimeSpan Period, long FirstVersion)
    : StorageWrite;

/// <summary>Deletes a reminder if its version is still <see cref="ExpectedVersion"/>.</summary>
internal sealed record ReminderRemove(StoredGrainId GrainId, string ReminderName, long ExpectedVersion) : StorageWrite;
