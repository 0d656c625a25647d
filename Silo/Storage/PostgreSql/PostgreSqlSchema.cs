using PaySim.Silo.Storage.Ado;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>The PostgreSQL schema as ordered, append-only migrations; their numbers are shared with <c>OrleansAdoNetSchema</c>'s.</summary>
internal static class PostgreSqlSchema
{
    /// <summary>
    /// Held until the migrating transaction ends, so concurrent silos migrate one after another. The key is an
    /// arbitrary constant owned by PaySim ("PaySimDB" in ASCII).
    /// </summary>
    public const string LockSql = "SELECT pg_advisory_xact_lock(5792047815235355202)";

    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        // fillfactor leaves room in each page so a state update can stay on its page (a HOT update, no index write).
        new(1, "grain_state", """
            CREATE TABLE grain_state (
                grain_type text NOT NULL,
                grain_id text NOT NULL,
                state_name text NOT NULL,
                payload text NULL,
                version bigint NOT NULL,
                modified_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_id, state_name)
            ) WITH (fillfactor = 80)
            """),
        new(2, "grain_journal", """
            CREATE TABLE grain_journal (
                grain_type text NOT NULL,
                grain_id text NOT NULL,
                entry_id text NOT NULL,
                payload text NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_id, entry_id)
            )
            """),
        new(3, "reminders", """
            CREATE TABLE reminders (
                grain_type text NOT NULL,
                grain_id text NOT NULL,
                reminder_name text NOT NULL,
                next_due timestamptz NOT NULL,
                period interval NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (grain_type, grain_id, reminder_name)
            );
            CREATE INDEX reminders_next_due ON reminders (next_due)
            """),
        // Orleans' reminder service reads reminders by ranges of the grain's uniform hash and computes each tick from
        // the first one, so the row keeps its first tick (start_at) instead of the next due time, and the hash.
        new(4, "reminders for Orleans", """
            ALTER TABLE reminders RENAME COLUMN next_due TO start_at;
            ALTER TABLE reminders ADD COLUMN grain_hash bigint NULL;
            DROP INDEX reminders_next_due;
            CREATE INDEX reminders_grain_hash ON reminders (grain_hash)
            """),
        // A state holding a money movement in flight is marked with the time it was first stored so; recovery lists
        // marked rows through the partial index, which holds only them. Rows never marked (accounts) never change the
        // column, so their updates stay HOT; a nullable column without a default is added without rewriting the table.
        // (5 and 6 are Orleans' own tables: OrleansAdoNetSchema.)
        new(7, "states with a movement in flight", """
            ALTER TABLE grain_state ADD COLUMN in_flight_since timestamptz NULL;
            CREATE INDEX grain_state_in_flight ON grain_state (in_flight_since) WHERE in_flight_since IS NOT NULL
            """),
        // Movements stored in flight before 7 have no mark (recovery finds them by their reminders); marked now, the
        // money-in-flight gauges can read the index alone. The orchestrators' grain types and state names, and the
        // text only an unfinished movement's document holds (StoreAccountLedgerReader), as of this migration.
        new(8, "marks for movements stored in flight before 7", """
            UPDATE grain_state SET in_flight_since = modified_at
            WHERE in_flight_since IS NULL AND strpos(payload, '"InFlight":{') > 0
              AND (grain_type, state_name) IN (('transfer', 'transfer'), ('trade', 'trade'), ('merchantorder', 'order'))
            """),
    ];
}
