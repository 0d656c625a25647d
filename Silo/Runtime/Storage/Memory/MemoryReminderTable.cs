using System.Globalization;
using PaySim.Runtime;

namespace PaySim.Silo.Storage.Memory;

/// <summary>In-memory reminders with the same ETag rules as the database providers.</summary>
internal sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), ReminderEntry> _reminders = [];
    private long _version;

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reminders.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<ReminderEntry> UpsertAsync(GrainId grainId, string reminderName, DateTimeOffset nextDue, TimeSpan period, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var entry = new ReminderEntry(grainId, reminderName, nextDue, period, NextEtag());
            _reminders[(grainId, reminderName)] = entry;
            return Task.FromResult(entry);
        }
    }

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reminders.Remove((grainId, reminderName)));
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int countMax, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> due = _reminders.Values.Where(e => e.NextDue <= now).OrderBy(e => e.NextDue).Take(countMax).ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (entry.GrainId, entry.ReminderName);
            if (!_reminders.TryGetValue(key, out var current) || current.Etag != entry.Etag)
            {
                return Task.FromResult(false);
            }

            _reminders[key] = current with { NextDue = nextDue, Etag = NextEtag() };
            return Task.FromResult(true);
        }
    }

    private string NextEtag() => (++_version).ToString(CultureInfo.InvariantCulture);
}
