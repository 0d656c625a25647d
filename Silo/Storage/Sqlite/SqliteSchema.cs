using PaySim.Silo.Storage.Ado;

namespace PaySim.Silo.Storage.Sqlite;

/// <summary>The SQLite schema as ordered, append-only migrations. Times are UTC ticks (see <see cref="SqliteDialect"/>).</summary>
internal static class SqliteSchema
{
    // WITHOUT ROWID: every table is looked up by its composite text key, which then is the table's own b-tree.
    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, "grain_state", """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload TEXT NULL,
                version INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_id, state_name)
            ) WITHOUT ROWID
            """),
        new(2, "grain_journal", """
            CREATE TABLE grain_journal (
                grain_type TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_id, entry_id)
            ) WITHOUT ROWID
            """),
        new(3, "reminders", """
            CREATE TABLE reminders (
                grain_type TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                reminder_name TEXT NOT NULL,
                next_due INTEGER NOT NULL,
                period INTEGER NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_id, reminder_name)
            ) WITHOUT ROWID;
            CREATE INDEX reminders_next_due ON reminders (next_due)
            """),
        // Orleans' reminder service reads reminders by ranges of the grain's uniform hash and computes each tick from
        // the first one, so the row keeps its first tick (start_at) instead of the next due time, and the hash.
        new(4, "reminders for Orleans", """
            ALTER TABLE reminders RENAME COLUMN next_due TO start_at;
            ALTER TABLE reminders ADD COLUMN grain_hash INTEGER NULL;
            DROP INDEX reminders_next_due;
            CREATE INDEX reminders_grain_hash ON reminders (grain_hash)
            """),
        // A state holding a money movement in flight is marked with the time it was first stored so; recovery lists
        // marked rows through the partial index, which holds only them.
        new(5, "states with a movement in flight", """
            ALTER TABLE grain_state ADD COLUMN in_flight_since INTEGER NULL;
            CREATE INDEX grain_state_in_flight ON grain_state (in_flight_since) WHERE in_flight_since IS NOT NULL
            """),
        // Movements stored in flight before 5 have no mark (recovery finds them by their reminders); marked now, the
        // money-in-flight gauges can read the index alone. The orchestrators' grain types and state names, and the
        // text only an unfinished movement's document holds (StoreAccountLedgerReader), as of this migration.
        new(6, "marks for movements stored in flight before 5", """
            UPDATE grain_state SET in_flight_since = modified_at
            WHERE in_flight_since IS NULL AND instr(payload, '"InFlight":{') > 0
              AND (grain_type, state_name) IN (VALUES ('transfer', 'transfer'), ('trade', 'trade'), ('merchantorder', 'order'))
            """),
    ];
}
