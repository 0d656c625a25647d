using PaySim.Runtime;

namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>What one queued write asks the store to do; each kind is one statement (plus its journal rows).</summary>
internal abstract record StorageWrite;

/// <summary>
/// A state write (or a clear when <see cref="Payload"/> is null) checked against <see cref="ExpectedVersion"/>
/// (null: no row may exist), appending <see cref="JournalEntries"/> only if the state write itself succeeds.
/// </summary>
internal sealed record StateWrite(
    GrainId GrainId,
    string StateName,
    string? Payload,
    long? ExpectedVersion,
    IReadOnlyList<JournalEntry> JournalEntries,
    DateTimeOffset ModifiedAt) : StorageWrite;

/// <summary>Creates a reminder or replaces its schedule, advancing its version.</summary>
internal sealed record ReminderUpsert(GrainId GrainId, string ReminderName, DateTimeOffset NextDue, TimeSpan Period) : StorageWrite;

/// <summary>Deletes a reminder.</summary>
internal sealed record ReminderRemove(GrainId GrainId, string ReminderName) : StorageWrite;

/// <summary>Moves a reminder's next due time if its version is still <see cref="ExpectedVersion"/>.</summary>
internal sealed record ReminderAdvance(GrainId GrainId, string ReminderName, long ExpectedVersion, DateTimeOffset NextDue) : StorageWrite;
