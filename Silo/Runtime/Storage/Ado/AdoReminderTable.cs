using System.Data.Common;
using PaySim.Runtime;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Ado;

/// <summary>Reminders over either store: reads go straight to the database, changes through the group-commit writer.</summary>
internal sealed class AdoReminderTable(DbDataSource dataSource, StoreDialect dialect, GroupCommitWriter writer) : IReminderTable
{
    private const string Columns = "grain_type, grain_id, reminder_name, next_due, period, version";

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var entries = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name",
            command => command.WithParameter("@type", grainId.Type).WithParameter("@id", grainId.Key).WithParameter("@name", reminderName),
            cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<ReminderEntry> UpsertAsync(
        GrainId grainId, string reminderName, DateTimeOffset nextDue, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var version = await writer.WriteAsync(new ReminderUpsert(grainId, reminderName, nextDue, period), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The upsert of reminder '{reminderName}' of {grainId} returned no row.");
        return new ReminderEntry(grainId, reminderName, nextDue, period, StorageEtag.Format(version));
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        await writer.WriteAsync(new ReminderRemove(grainId, reminderName), cancellationToken).ConfigureAwait(false) is not null;

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int countMax, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(countMax);
        return QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE next_due <= @now ORDER BY next_due LIMIT @count",
            command => command.WithParameter("@now", dialect.ToDbTime(now)).WithParameter("@count", countMax),
            cancellationToken);
    }

    public async Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!StorageEtag.TryParse(entry.Etag, out var expectedVersion))
        {
            return false;
        }

        var advance = new ReminderAdvance(entry.GrainId, entry.ReminderName, expectedVersion, nextDue);
        return await writer.WriteAsync(advance, cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                dialect.ReadTime(reader, 3),
                dialect.ReadPeriod(reader, 4),
                StorageEtag.Format(reader.GetInt64(5))));
        }

        return entries;
    }
}
