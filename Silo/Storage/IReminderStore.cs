namespace PaySim.Silo.Storage;

/// <summary>
/// Durable reminder rows, the table behind Orleans' reminder service (see <c>Silo/Reminders</c>). A row holds the
/// reminder's first tick and period; Orleans computes every later tick from them. Changes go through the store's
/// group commit, so a reminder registered together with a state write usually shares its commit.
/// </summary>
public interface IReminderStore
{
    Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Reminders whose grain hash is in the ring range (<paramref name="beginExclusive"/>, <paramref name="endInclusive"/>],
    /// wrapping past the top when <paramref name="beginExclusive"/> is not below <paramref name="endInclusive"/> (equal: all).
    /// </summary>
    Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken);

    /// <summary>Every reminder named <paramref name="reminderName"/>, whichever grain holds it (the recovery sweep's read).</summary>
    Task<IReadOnlyList<StoredReminder>> ReadByNameAsync(string reminderName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a reminder; returns its new ETag.</summary>
    Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken);

    /// <summary>Removes a reminder if its ETag is still <paramref name="etag"/>; false when it was changed or is gone.</summary>
    Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken);
}

/// <summary>A stored reminder; <see cref="Etag"/> is ignored on upsert.</summary>
public sealed record StoredReminder(
    StoredGrainId GrainId, uint GrainHash, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string Etag);
