using Microsoft.Data.Sqlite;
using PaySim.Runtime;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>One command per write, returning the row's new version or no row (a conflict, a missing reminder).</summary>
internal static class SqliteStatements
{
    private const string InsertStateSql = """
        INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at)
        VALUES (@type, @id, @name, @payload, 1, @time)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateStateSql = """
        UPDATE grain_state SET payload = @payload, version = version + 1, modified_at = @time
        WHERE grain_type = @type AND grain_id = @id AND state_name = @name AND version = @expected
        RETURNING version
        """;

    private const string InsertJournalEntrySql = """
        INSERT INTO grain_journal (grain_type, grain_id, entry_id, payload, created_at)
        VALUES (@type, @id, @name, @payload, @time)
        """;

    private const string UpsertReminderSql = """
        INSERT INTO reminders (grain_type, grain_id, reminder_name, next_due, period, version)
        VALUES (@type, @id, @name, @time, @period, 1)
        ON CONFLICT (grain_type, grain_id, reminder_name)
        DO UPDATE SET next_due = excluded.next_due, period = excluded.period, version = reminders.version + 1
        RETURNING version
        """;

    private const string RemoveReminderSql =
        "DELETE FROM reminders WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name RETURNING version";

    private const string AdvanceReminderSql = """
        UPDATE reminders SET next_due = @time, version = version + 1
        WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name AND version = @expected
        RETURNING version
        """;

    public static SqliteCommand For(SqliteTransaction transaction, StorageWrite write) => write switch
    {
        StateWrite state => Command(transaction, state.ExpectedVersion is null ? InsertStateSql : UpdateStateSql, state.GrainId, state.StateName)
            .With("@payload", state.Payload)
            .With("@time", state.ModifiedAt.UtcTicks)
            .With("@expected", state.ExpectedVersion),
        ReminderUpsert upsert => Command(transaction, UpsertReminderSql, upsert.GrainId, upsert.ReminderName)
            .With("@time", upsert.NextDue.UtcTicks)
            .With("@period", upsert.Period.Ticks),
        ReminderRemove remove => Command(transaction, RemoveReminderSql, remove.GrainId, remove.ReminderName),
        ReminderAdvance advance => Command(transaction, AdvanceReminderSql, advance.GrainId, advance.ReminderName)
            .With("@time", advance.NextDue.UtcTicks)
            .With("@expected", advance.ExpectedVersion),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write, "Unknown storage write."),
    };

    public static SqliteCommand ForJournalEntry(SqliteTransaction transaction, GrainId grainId, JournalEntry entry) =>
        Command(transaction, InsertJournalEntrySql, grainId, entry.EntryId)
            .With("@payload", entry.Payload)
            .With("@time", entry.Timestamp.UtcTicks);

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, GrainId grainId, string name)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.With("@type", grainId.Type).With("@id", grainId.Key).With("@name", name);
    }

    private static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.WithParameter(name, value);
        return command;
    }
}
