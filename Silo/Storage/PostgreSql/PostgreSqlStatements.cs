using Npgsql;
using NpgsqlTypes;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>
/// One batch command per write, each returning the row's new version or no row. Positional parameters spare
/// Npgsql any SQL rewriting; the journal rows travel as arrays so one statement serves any number of entries.
/// </summary>
internal static class PostgreSqlStatements
{
    // The journal insert reads from the state CTE: it inserts nothing unless the ETag-checked state write hit its row,
    // and the whole statement fails (so the write does) if an entry id already exists.
    private const string JournalCte = """
        , journal AS (
            INSERT INTO grain_journal (grain_type, grain_id, entry_id, payload, created_at)
            SELECT $1, $2, entry.id, entry.payload, entry.created_at
            FROM state, unnest($6::text[], $7::text[], $8::timestamptz[]) AS entry(id, payload, created_at))
        SELECT version FROM state
        """;

    private const string InsertStateSql = """
        WITH state AS (
            INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at)
            VALUES ($1, $2, $3, $4, 1, $5)
            ON CONFLICT DO NOTHING
            RETURNING version)
        """ + JournalCte;

    private const string UpdateStateSql = """
        WITH state AS (
            UPDATE grain_state SET payload = $4, version = version + 1, modified_at = $5
            WHERE grain_type = $1 AND grain_id = $2 AND state_name = $3 AND version = $9
            RETURNING version)
        """ + JournalCte;

    private const string UpsertReminderSql = """
        INSERT INTO reminders (grain_type, grain_id, reminder_name, grain_hash, start_at, period, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (grain_type, grain_id, reminder_name)
        DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, version = reminders.version + 1
        RETURNING version
        """;

    private const string RemoveReminderSql = """
        DELETE FROM reminders WHERE grain_type = $1 AND grain_id = $2 AND reminder_name = $3 AND version = $4
        RETURNING version
        """;

    public static NpgsqlBatchCommand For(StorageWrite write) => write switch
    {
        StateWrite state => ForState(state),
        ReminderUpsert upsert => Command(UpsertReminderSql, upsert.GrainId.Type, upsert.GrainId.Key, upsert.ReminderName,
            new NpgsqlParameter<long> { TypedValue = upsert.GrainHash }, Time(upsert.StartAt),
            new NpgsqlParameter<TimeSpan> { TypedValue = upsert.Period }, new NpgsqlParameter<long> { TypedValue = upsert.FirstVersion }),
        ReminderRemove remove => Command(RemoveReminderSql, remove.GrainId.Type, remove.GrainId.Key, remove.ReminderName,
            new NpgsqlParameter<long> { TypedValue = remove.ExpectedVersion }),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write, "Unknown storage write."),
    };

    private static NpgsqlBatchCommand ForState(StateWrite write)
    {
        var entries = write.JournalEntries;
        var command = Command(
            write.ExpectedVersion is null ? InsertStateSql : UpdateStateSql,
            write.GrainId.Type,
            write.GrainId.Key,
            write.StateName,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)write.Payload ?? DBNull.Value },
            Time(write.ModifiedAt),
            new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(entry => entry.EntryId)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(entry => entry.Payload)] },
            new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. entries.Select(entry => entry.Timestamp.ToUniversalTime())] });
        if (write.ExpectedVersion is { } expectedVersion)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        }

        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, string grainType, string grainKey, string name, params NpgsqlParameter[] rest)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        foreach (var parameter in rest)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset time) => new() { TypedValue = time.ToUniversalTime() };
}
