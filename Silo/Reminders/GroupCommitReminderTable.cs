using Orleans;
using Orleans.Runtime;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Reminders;

/// <summary>
/// Orleans' reminder table over PaySim's store (SQLite or PostgreSQL). Orleans' reminder service owns the ticks: each
/// silo loads the reminders of its hash range, fires them on timers and delivers them as grain calls. This table only
/// keeps the rows, and writes them through the store's group commit, so a grain that registers a reminder together
/// with a state write usually has both in one commit. Orleans ships no reminder table for SQLite.
/// A store failure leaves it as <see cref="StoreUnavailableException"/>: the reminder service runs on the silo that owns
/// the grain's hash range, and the driver's own exception could not be carried back to a grain on another silo.
/// </summary>
internal sealed class GroupCommitReminderTable(IReminderStore store) : IReminderTable
{
    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ToTableData(await Guarded(store.ReadByGrainAsync(StoredGrainId.From(grainId), CancellationToken.None)));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        ToTableData(await Guarded(store.ReadByHashRangeAsync(begin, end, CancellationToken.None)));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        await Guarded(store.ReadAsync(StoredGrainId.From(grainId), reminderName, CancellationToken.None)) is { } stored
            ? ToEntry(stored)
            : null;

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = new StoredReminder(
            StoredGrainId.From(entry.GrainId),
            entry.GrainId.GetUniformHashCode(),
            entry.ReminderName,
            new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)),
            entry.Period,
            Etag: "");
        return UpsertAsync(stored);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Guarded(store.RemoveAsync(StoredGrainId.From(grainId), reminderName, eTag, CancellationToken.None));

    public Task TestOnlyClearTable() =>
        throw new NotSupportedException("PaySim's reminder table is never cleared as a whole: reminders guard money in flight.");

    private async Task<string?> UpsertAsync(StoredReminder stored) =>
        await Guarded(store.UpsertAsync(stored, CancellationToken.None));

    private static Task<T> Guarded<T>(Task<T> operation) => StoreFailures.Guarded(operation, "The reminder table");

    private static ReminderTableData ToTableData(IReadOnlyList<StoredReminder> reminders) => new(reminders.Select(ToEntry));

    private static ReminderEntry ToEntry(StoredReminder stored) => new()
    {
        GrainId = stored.GrainId.ToGrainId(),
        ReminderName = stored.ReminderName,
        StartAt = stored.StartAt.UtcDateTime,
        Period = stored.Period,
        ETag = stored.Etag,
    };
}
