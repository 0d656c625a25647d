using System.Globalization;

namespace PaySim.Silo.Storage.Memory;

/// <summary>In-memory reminders with the same ETag rules as the database stores.</summary>
internal sealed class MemoryReminderStore : IReminderStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(StoredGrainId, string), StoredReminder> _reminders = [];
    private long _version;

    public Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reminders.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken) =>
        Where(reminder => reminder.GrainId == grainId);

    public Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken) =>
        Where(reminder => beginExclusive < endInclusive
            ? reminder.GrainHash > beginExclusive && reminder.GrainHash <= endInclusive
            : reminder.GrainHash > beginExclusive || reminder.GrainHash <= endInclusive);

    public Task<IReadOnlyList<StoredReminder>> ReadByNameAsync(string reminderName, CancellationToken cancellationToken) =>
        Where(reminder => reminder.ReminderName == reminderName);

    public Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        lock (_lock)
        {
            var stored = reminder with { Etag = NextEtag() };
            _reminders[(reminder.GrainId, reminder.ReminderName)] = stored;
            return Task.FromResult(stored.Etag);
        }
    }

    public Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (grainId, reminderName);
            return Task.FromResult(_reminders.TryGetValue(key, out var current) && current.Etag == etag && _reminders.Remove(key));
        }
    }

    private Task<IReadOnlyList<StoredReminder>> Where(Func<StoredReminder, bool> predicate)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredReminder> found = [.. _reminders.Values.Where(predicate)];
            return Task.FromResult(found);
        }
    }

    private string NextEtag() => (++_version).ToString(CultureInfo.InvariantCulture);
}
