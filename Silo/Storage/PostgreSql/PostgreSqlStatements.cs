using Npgsql;
using NpgsqlTypes;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>
/// The statements of one group commit: one statement for all its state writes (with their journal rows), one for
/// its reminder upserts and one for its reminder removals, whatever the number of writes. Each takes its rows as
/// arrays and returns <c>(ord, version)</c> for every write that hit its row; a write whose row is absent from the
/// answer touched nothing (an ETag conflict, a row that already exists, a missing reminder).
/// PostgreSQL's cost is per statement far more than per row (parse, plan, executor start-up): a transfer makes about
/// six writes, so one statement per write made the database the first thing to saturate.
/// </summary>
/// <remarks>
/// A multi-row statement may not touch one row twice, so writes to the same row (the writer never queues two, as
/// each needs the ETag the previous one returned, but nothing here relies on it) go to a later round of statements,
/// which runs after the first in the same transaction, as separate statements would.
/// </remarks>
internal static class PostgreSqlStatements
{
    // Updates (an expected version) and inserts (none) of the same statement touch different rows: the CTEs of one
    // statement see one snapshot, so neither sees the other's row. The journal insert reads from the state CTEs, so
    // it inserts nothing for a write that missed its row, and the whole statement fails (so the batch does, and the
    // writer retries each write alone) if an entry id already exists.
    private const string StateSql = """
        WITH w AS (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $12::boolean[])
                AS w(ord, grain_type, grain_id, state_name, payload, modified_at, expected, in_flight)),
        updated AS (
            UPDATE grain_state g SET payload = w.payload, version = g.version + 1, modified_at = w.modified_at,
                in_flight_since = CASE WHEN w.in_flight THEN COALESCE(g.in_flight_since, w.modified_at) END
            FROM w
            WHERE w.expected IS NOT NULL
              AND g.grain_type = w.grain_type AND g.grain_id = w.grain_id AND g.state_name = w.state_name
              AND g.version = w.expected
            RETURNING w.ord, g.version),
        inserted AS (
            INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, modified_at, in_flight_since)
            SELECT grain_type, grain_id, state_name, payload, 1, modified_at, CASE WHEN in_flight THEN modified_at END
            FROM w WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_type, grain_id, state_name, version),
        state AS (
            SELECT ord, version FROM updated
            UNION ALL
            SELECT w.ord, inserted.version FROM inserted JOIN w USING (grain_type, grain_id, state_name)),
        journal AS (
            INSERT INTO grain_journal (grain_type, grain_id, entry_id, payload, created_at)
            SELECT w.grain_type, w.grain_id, entry.id, entry.payload, entry.created_at
            FROM state
            JOIN w USING (ord)
            JOIN unnest($8::int[], $9::text[], $10::text[], $11::timestamptz[]) AS entry(ord, id, payload, created_at)
                ON entry.ord = state.ord)
        SELECT ord, version FROM state
        """;

    private const string UpsertRemindersSql = """
        WITH w AS (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::interval[], $8::bigint[])
                AS w(ord, grain_type, grain_id, reminder_name, grain_hash, start_at, period, first_version)),
        upserted AS (
            INSERT INTO reminders (grain_type, grain_id, reminder_name, grain_hash, start_at, period, version)
            SELECT grain_type, grain_id, reminder_name, grain_hash, start_at, period, first_version FROM w
            ON CONFLICT (grain_type, grain_id, reminder_name)
            DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period,
                          version = reminders.version + 1
            RETURNING grain_type, grain_id, reminder_name, version)
        SELECT w.ord, upserted.version FROM upserted JOIN w USING (grain_type, grain_id, reminder_name)
        """;

    private const string RemoveRemindersSql = """
        DELETE FROM reminders r
        USING unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS w(ord, grain_type, grain_id, reminder_name, expected)
        WHERE r.grain_type = w.grain_type AND r.grain_id = w.grain_id AND r.reminder_name = w.reminder_name
          AND r.version = w.expected
        RETURNING w.ord, r.version
        """;

    /// <summary>The statements for <paramref name="batch"/>, in the order they must run; each answers (ord, version) rows, ord being the index in the batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> For(IReadOnlyList<PendingWrite> batch)
    {
        foreach (var round in Rounds(batch))
        {
            var states = round.Where(ord => batch[ord].Write is StateWrite).ToList();
            var upserts = round.Where(ord => batch[ord].Write is ReminderUpsert).ToList();
            var removals = round.Where(ord => batch[ord].Write is ReminderRemove).ToList();
            if (states.Count > 0)
            {
                yield return ForStates(batch, states);
            }

            if (upserts.Count > 0)
            {
                yield return ForUpserts(batch, upserts);
            }

            if (removals.Count > 0)
            {
                yield return ForRemovals(batch, removals);
            }
        }
    }

    // Indexes of the batch split so that no round writes one row twice; in practice there is a single round.
    private static List<List<int>> Rounds(IReadOnlyList<PendingWrite> batch)
    {
        var rounds = new List<List<int>>();
        var roundOfRow = new Dictionary<(Type, string, string, string), int>();
        for (var ord = 0; ord < batch.Count; ord++)
        {
            var write = batch[ord].Write;
            var row = write switch
            {
                StateWrite state => (typeof(StateWrite), state.GrainId.Type, state.GrainId.Key, state.StateName),
                ReminderUpsert upsert => (typeof(ReminderUpsert), upsert.GrainId.Type, upsert.GrainId.Key, upsert.ReminderName),
                ReminderRemove remove => (typeof(ReminderUpsert), remove.GrainId.Type, remove.GrainId.Key, remove.ReminderName),
                _ => throw new ArgumentOutOfRangeException(nameof(batch), write, "Unknown storage write."),
            };
            var round = roundOfRow.TryGetValue(row, out var previous) ? previous + 1 : 0;
            roundOfRow[row] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(ord);
        }

        return rounds;
    }

    private static NpgsqlBatchCommand ForStates(IReadOnlyList<PendingWrite> batch, List<int> ords)
    {
        var writes = ords.Select(ord => (StateWrite)batch[ord].Write).ToList();
        var entries = ords.SelectMany(ord => ((StateWrite)batch[ord].Write).JournalEntries.Select(entry => (ord, entry))).ToList();
        return Command(
            StateSql,
            Array(ords.ToArray()),
            Array(writes.Select(write => write.GrainId.Type).ToArray()),
            Array(writes.Select(write => write.GrainId.Key).ToArray()),
            Array(writes.Select(write => write.StateName).ToArray()),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = writes.Select(write => write.Payload).ToArray() },
            Array(writes.Select(write => write.ModifiedAt.ToUniversalTime()).ToArray()),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = writes.Select(write => write.ExpectedVersion).ToArray() },
            Array(entries.Select(item => item.ord).ToArray()),
            Array(entries.Select(item => item.entry.EntryId).ToArray()),
            Array(entries.Select(item => item.entry.Payload).ToArray()),
            Array(entries.Select(item => item.entry.Timestamp.ToUniversalTime()).ToArray()),
            Array(writes.Select(write => write.MovementInFlight).ToArray()));
    }

    private static NpgsqlBatchCommand ForUpserts(IReadOnlyList<PendingWrite> batch, List<int> ords)
    {
        var upserts = ords.Select(ord => (ReminderUpsert)batch[ord].Write).ToList();
        return Command(
            UpsertRemindersSql,
            Array(ords.ToArray()),
            Array(upserts.Select(upsert => upsert.GrainId.Type).ToArray()),
            Array(upserts.Select(upsert => upsert.GrainId.Key).ToArray()),
            Array(upserts.Select(upsert => upsert.ReminderName).ToArray()),
            Array(upserts.Select(upsert => (long)upsert.GrainHash).ToArray()),
            Array(upserts.Select(upsert => upsert.StartAt.ToUniversalTime()).ToArray()),
            Array(upserts.Select(upsert => upsert.Period).ToArray()),
            Array(upserts.Select(upsert => upsert.FirstVersion).ToArray()));
    }

    private static NpgsqlBatchCommand ForRemovals(IReadOnlyList<PendingWrite> batch, List<int> ords)
    {
        var removals = ords.Select(ord => (ReminderRemove)batch[ord].Write).ToList();
        return Command(
            RemoveRemindersSql,
            Array(ords.ToArray()),
            Array(removals.Select(remove => remove.GrainId.Type).ToArray()),
            Array(removals.Select(remove => remove.GrainId.Key).ToArray()),
            Array(removals.Select(remove => remove.ReminderName).ToArray()),
            Array(removals.Select(remove => remove.ExpectedVersion).ToArray()));
    }

    private static NpgsqlParameter<T[]> Array<T>(T[] values) => new() { TypedValue = values };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
