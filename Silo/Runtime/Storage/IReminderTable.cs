using PaySim.Runtime;

namespace PaySim.Silo.Storage;

/// <summary>
/// Durable reminders. Every silo polls <see cref="ReadDueAsync"/>; a silo delivers a due tick only after it won
/// <see cref="TryAdvanceAsync"/> (an ETag-checked move of the next due time), so each tick has one owner and a
/// tick whose delivery died with its silo comes due again one period later (at-least-once).
/// </summary>
public interface IReminderTable
{
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a reminder; returns the stored entry with its new ETag.</summary>
    Task<ReminderEntry> UpsertAsync(GrainId grainId, string reminderName, DateTimeOffset nextDue, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; returns false when there was none.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="countMax"/> reminders due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int countMax, CancellationToken cancellationToken);

    /// <summary>Moves a reminder's next due time if its ETag is unchanged; false means another silo (or an update) won.</summary>
    Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDue, CancellationToken cancellationToken);
}

/// <summary>A stored reminder.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset NextDue, TimeSpan Period, string Etag);
