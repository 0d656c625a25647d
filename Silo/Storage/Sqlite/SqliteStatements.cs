using Microsoft.Data.Sqlite;
using PaySim.Grains.Persistence;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>
/// One command per write, returning the row's new version or no row (a conflict, a missing reminder). Commands
/// are kept per SQL text on the writer connection, so SQLite compiles each statement once, not once per write.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = [];

    private const string InsertStateSql = """
        INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at, in_flight_since)
        VALUES (@type, @id, @name, @payload, 1, @time, CASE WHEN @inFlight THEN @time END)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateStateSql = """
        UPDATE grain_state SET payload = @payload, version = version + 1, modified_at = @time,
            in_flight_since = CASE WHEN @inFlight THEN COALESCE(in_flight_since, @time) END
        WHERE grain_type = @type AND grain_id = @id AND state_name = @name AND version = @expected
        RETURNING version
        """;

    private const string InsertJournalEntrySql = """
        INSERT INTO grain_journal (grain_type, grain_id, entry_id, payload, created_at)
        VALUES (@type, @id, @name, @payload, @time)
        """;

    private const string UpsertReminderSql = """
        INSERT INTO reminders (grain_type, grain_id, reminder_name, grain_hash, start_at, period, version)
        VALUES (@type, @id, @name, @hash, @time, @period, @firstVersion)
        ON CONFLICT (grain_type, grain_id, reminder_name)
        DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, version = reminders.version + 1
        RETURNING version
        """;

    private const string RemoveReminderSql = """
        DELETE FROM reminders WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name AND version = @expected
        RETURNING version
        """;

    public SqliteCommand For(SqliteTransaction transaction, StorageWrite write) => write switch
    {
        StateWrite state => Command(transaction, state.ExpectedVersion is null ? InsertStateSql : UpdateStateSql, state.GrainId, state.StateName)
            .WithParameter("@payload", state.Payload)
            .WithParameter("@time", state.ModifiedAt.UtcTicks)
            .WithParameter("@expected", state.ExpectedVersion)
            .WithParameter("@inFlight", state.MovementInFlight),
        ReminderUpsert upsert => Command(transaction, UpsertReminderSql, upsert.GrainId, upsert.ReminderName)
            .WithParameter("@hash", (long)upsert.GrainHash)
            .WithParameter("@time", upsert.StartAt.UtcTicks)
            .WithParameter("@period", upsert.Period.Ticks)
            .WithParameter("@firstVersion", upsert.FirstVersion),
        ReminderRemove remove => Command(transaction, RemoveReminderSql, remove.GrainId, remove.ReminderName)
            .WithParameter("@expected", remove.ExpectedVersion),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write, "Unknown storage write."),
    };

    public SqliteCommand ForJournalEntry(SqliteTransaction transaction, StoredGrainId grainId, JournalEntry entry) =>
        Command(transaction, InsertJournalEntrySql, grainId, entry.EntryId)
            .WithParameter("@payload", entry.Payload)
            .WithParameter("@time", entry.Timestamp.UtcTicks);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, StoredGrainId grainId, string name)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command.WithParameter("@type", grainId.Type).WithParameter("@id", grainId.Key).WithParameter("@name", name);
    }
}
