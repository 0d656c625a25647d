using System.Data.Common;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Ado;

/// <summary>Reminders over either database: reads go straight to the database, changes through the group-commit writer.</summary>
internal sealed class AdoReminderStore(DbDataSource dataSource, StoreDialect dialect, GroupCommitWriter writer) : IReminderStore
{
    private const string Columns = "grain_type, grain_id, grain_hash, reminder_name, start_at, period, version";

    public async Task<StoredReminder?> ReadAsync(StoredGrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var reminders = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name",
            command => command.WithParameter("@type", grainId.Type).WithParameter("@id", grainId.Key).WithParameter("@name", reminderName),
            cancellationToken).ConfigureAwait(false);
        return reminders.Count == 0 ? null : reminders[0];
    }

    public Task<IReadOnlyList<StoredReminder>> ReadByGrainAsync(StoredGrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_id = @id",
            command => command.WithParameter("@type", grainId.Type).WithParameter("@id", grainId.Key),
            cancellationToken);

    public Task<IReadOnlyList<StoredReminder>> ReadByHashRangeAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken)
    {
        // Orleans' ring ranges: (begin, end] when begin < end, else the range wraps past the top (begin == end: everything).
        var condition = beginExclusive < endInclusive
            ? "grain_hash > @begin AND grain_hash <= @end"
            : "grain_hash > @begin OR grain_hash <= @end";
        return QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE {condition}",
            command => command.WithParameter("@begin", (long)beginExclusive).WithParameter("@end", (long)endInclusive),
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredReminder>> ReadByNameAsync(string reminderName, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE reminder_name = @name",
            command => command.WithParameter("@name", reminderName),
            cancellationToken);

    public async Task<string> UpsertAsync(StoredReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(reminder.ReminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(reminder.Period, TimeSpan.Zero);
        var upsert = new ReminderUpsert(
            reminder.GrainId, reminder.ReminderName, reminder.GrainHash, reminder.StartAt, reminder.Period, Random.Shared.NextInt64(1, long.MaxValue / 2));
        var version = await writer.WriteAsync(upsert, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The upsert of reminder '{reminder.ReminderName}' of {reminder.GrainId} returned no row.");
        return StorageEtag.Format(version);
    }

    public async Task<bool> RemoveAsync(StoredGrainId grainId, string reminderName, string etag, CancellationToken cancellationToken)
    {
        if (!StorageEtag.TryParse(etag, out var expectedVersion))
        {
            return false;
        }

        var remove = new ReminderRemove(grainId, reminderName, expectedVersion);
        return await writer.WriteAsync(remove, cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task<IReadOnlyList<StoredReminder>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reminders = new List<StoredReminder>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reminders.Add(new StoredReminder(
                new StoredGrainId(reader.GetString(0), reader.GetString(1)),
                reader.IsDBNull(2) ? 0 : (uint)reader.GetInt64(2),
                reader.GetString(3),
                dialect.ReadTime(reader, 4),
                dialect.ReadPeriod(reader, 5),
                StorageEtag.Format(reader.GetInt64(6))));
        }

        return reminders;
    }
}
