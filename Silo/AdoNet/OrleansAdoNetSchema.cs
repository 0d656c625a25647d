using PaySim.Silo.Storage.Ado;

namespace PaySim.Silo.AdoNet;

/// <summary>
/// The PostgreSQL schema that Orleans' stock ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet, silo and
/// client) and grain storage (Microsoft.Orleans.Persistence.AdoNet) need, as PaySim migrations 5 and 6.
/// </summary>
/// <remarks>
/// <para>
/// Those providers ship no SQL. At start-up each reads its statements from the table <c>OrleansQuery</c>
/// (<c>SELECT QueryKey, QueryText FROM OrleansQuery</c>) and then only runs those texts, binding its own parameter
/// names and reading result columns by name. Clustering refuses to start when any key it knows is missing, so the
/// keys, parameter names and result column names below are a contract with the 10.4.2 binaries; the statements
/// themselves are PaySim's and may differ from the scripts in the Orleans repository.
/// </para>
/// <para>
/// Every statement is a single plain SQL statement, without PL/pgSQL functions: where a write must change two rows
/// atomically (the membership row and the membership version), data-modifying common table expressions do it in
/// one statement, which PostgreSQL runs atomically even in autocommit mode.
/// </para>
/// <para>
/// Unquoted identifiers are written in the contract's spelling and folded to lower case by PostgreSQL; Npgsql
/// matches result column names case-insensitively, which is what the providers rely on.
/// </para>
/// <para>
/// The unique key of <c>OrleansStorage</c> uses <c>NULLS NOT DISTINCT</c>, so the schema needs PostgreSQL 15 or
/// newer.
/// </para>
/// </remarks>
internal static class OrleansAdoNetSchema
{
    // Every query text is stored in a dollar-quoted literal with this tag, so the texts need no escaping. No text
    // may contain the tag itself, which StoreQueries checks.
    private const string QuoteTag = "$orleans_query$";

    // SiloStatus values the statements compare with (Orleans.Runtime.SiloStatus): Active = 3, Dead = 6.
    private const string ActiveStatus = "3";
    private const string DeadStatus = "6";

    // The stock grain storage provider parses ETags with int.Parse and reads versions with Convert.ToInt32, so a
    // version above this cannot come back to it. See WriteToStorage for why the statements stop here.
    private const string LastInt32Version = "2147483647";

    // ----- Clustering ---------------------------------------------------------------------------------------------

    // Only OrleansQuery's name and its two columns are fixed by the providers (they query it by name). QueryText is
    // text because nothing gains from a length limit on it.
    private const string QueryTable = """
        CREATE TABLE OrleansQuery (
            QueryKey varchar(64) PRIMARY KEY,
            QueryText text NOT NULL
        )
        """;

    // One row per cluster (Orleans calls the cluster id DeploymentId here). Its Version is the membership table's
    // version: every insert or update of a membership row must move it from the version the silo read to the next
    // one, which is how Orleans detects concurrent membership changes. It stays a 32-bit integer because the
    // provider parses it with int.Parse and Convert.ToInt32; it only moves when silos join, leave or are suspected,
    // so it cannot reach that limit. ModifiedOn is for operators; Orleans never reads it.
    private const string MembershipVersionTable = """
        CREATE TABLE OrleansMembershipVersionTable (
            DeploymentId text PRIMARY KEY,
            ModifiedOn timestamptz NOT NULL DEFAULT now(),
            Version integer NOT NULL DEFAULT 0
        )
        """;

    // One row per silo incarnation (address, port and generation). Times are timestamptz because the provider sends
    // UTC DateTimes and reads them back as UTC. ProxyPort is NOT NULL because the provider reads it with GetInt32,
    // which cannot return a NULL; a silo without a gateway stores 0. SuspectTimes is the provider's own text
    // encoding of the suspicions ("address,time|address,time"), which has no length limit.
    private const string MembershipTable = """
        CREATE TABLE OrleansMembershipTable (
            DeploymentId text NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
            Address text NOT NULL,
            Port integer NOT NULL,
            Generation integer NOT NULL,
            SiloName text NOT NULL,
            HostName text NOT NULL,
            Status integer NOT NULL,
            ProxyPort integer NOT NULL,
            SuspectTimes text NULL,
            StartTime timestamptz NOT NULL,
            IAmAliveTime timestamptz NOT NULL,
            PRIMARY KEY (DeploymentId, Address, Port, Generation)
        )
        """;

    // Run by every silo at start-up. The provider reads one value as a boolean: whether this call created the
    // cluster's version row. A second silo finds the row there and gets false, which is not an error.
    private const string InsertMembershipVersion = """
        WITH inserted AS (
            INSERT INTO OrleansMembershipVersionTable (DeploymentId)
            VALUES (@DeploymentId)
            ON CONFLICT (DeploymentId) DO NOTHING
            RETURNING 1
        )
        SELECT count(*) AS RowCount FROM inserted
        """;

    // Adds a silo's row and moves the table version, both or neither; the provider reads one boolean. The version
    // row is updated first: its row lock makes concurrent membership writers of one cluster queue up, and each one
    // re-checks the expected version once it holds the lock, so only one writer per version can succeed. The
    // NOT EXISTS makes the version stay put when the silo's row is already there, so a duplicate insert answers
    // false without a side effect. If a row with the same key still appeared in between (only a writer bypassing
    // the version could cause that), the INSERT fails and the whole statement, version change included, rolls back.
    private const string InsertMembership = """
        WITH bumped AS (
            UPDATE OrleansMembershipVersionTable
            SET Version = Version + 1, ModifiedOn = now()
            WHERE DeploymentId = @DeploymentId
              AND Version = @Version
              AND NOT EXISTS (
                  SELECT 1 FROM OrleansMembershipTable
                  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
            RETURNING DeploymentId
        ), inserted AS (
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
            FROM bumped
            RETURNING 1
        )
        SELECT count(*) AS RowCount FROM inserted
        """;

    // Changes a silo's status, suspicions and liveness time and moves the table version, both or neither, in the
    // same way as InsertMembership. The EXISTS keeps the version still when the silo's row is gone. The only
    // statement that deletes rows without moving the version is the defunct-silo clean-up; should it delete this
    // very row between the check and the update, the answer is false with the version moved, which Orleans treats
    // like any lost race: it reads the table again.
    private const string UpdateMembership = """
        WITH bumped AS (
            UPDATE OrleansMembershipVersionTable
            SET Version = Version + 1, ModifiedOn = now()
            WHERE DeploymentId = @DeploymentId
              AND Version = @Version
              AND EXISTS (
                  SELECT 1 FROM OrleansMembershipTable
                  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
            RETURNING DeploymentId
        ), updated AS (
            UPDATE OrleansMembershipTable AS m
            SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
            FROM bumped
            WHERE m.DeploymentId = bumped.DeploymentId
              AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            RETURNING 1
        )
        SELECT count(*) AS RowCount FROM updated
        """;

    // The liveness heartbeat. By the membership protocol it does not move the table version, and Orleans reads no
    // result from it.
    private const string UpdateIAmAliveTime = """
        UPDATE OrleansMembershipTable
        SET IAmAliveTime = @IAmAliveTime
        WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
        """;

    // The provider reads these columns by name. The outer join returns the version row even when the silo has no
    // membership row: a NULL StartTime is how the provider tells "no entry" from an entry.
    private const string MembershipReadRow = """
        SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
               m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
        FROM OrleansMembershipVersionTable AS v
        LEFT JOIN OrleansMembershipTable AS m
            ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
        WHERE v.DeploymentId = @DeploymentId
        """;

    // As MembershipReadRow, for every silo of the cluster; the provider takes the version from the first row.
    private const string MembershipReadAll = """
        SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
               m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
        FROM OrleansMembershipVersionTable AS v
        LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
        WHERE v.DeploymentId = @DeploymentId
        """;

    // Removes a whole cluster (Orleans uses it in tests and tools, never in a running silo). One statement, so the
    // two deletes are atomic; the foreign key is checked at the end of the statement, when the rows that refer to
    // the version row are already gone.
    private const string DeleteMembershipTableEntries = """
        WITH members AS (
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId
        )
        DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
        """;

    // The client's gateway list (also read by silos): the silos of the cluster that are Active (the provider binds
    // @Status to Active) and have a gateway port. The provider reads Address, ProxyPort and Generation by name.
    private const string GatewaysQuery = """
        SELECT Address, ProxyPort, Generation
        FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
        """;

    // The clean-up of defunct silos, in bulk: every row of the cluster that is not Active and whose silo last
    // reported itself alive before the cut-off (@IAmAliveTime). The 10.4.2 provider refuses to start without this
    // key but runs it only when CleanupDefunctSiloEntry is absent; the meaning is the one all Orleans vendors share.
    private const string CleanupDefunctSiloEntries = $"""
        DELETE FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> {ActiveStatus}
        """;

    // The clean-up of one defunct silo. The 10.4.2 provider asks for this optional key first: when it is present,
    // the provider reads the membership table, picks the Dead rows that started and last reported alive before the
    // cut-off and have no recent suspicion, and runs this once per row with that row's key, StartTime, IAmAliveTime
    // and SuspectTimes as it read them. The delete re-checks that the row is still Dead and has not reported alive
    // since, so it never removes a row that changed after the provider judged it. SuspectTimes is bound but not
    // compared: the provider does not write an empty suspicion list back the way it was stored (NULL versus an
    // empty text), so comparing it would make the delete miss rows it should remove.
    private const string CleanupDefunctSiloEntry = $"""
        DELETE FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
          AND Status = {DeadStatus} AND IAmAliveTime <= @IAmAliveTime
        """;

    // ----- Grain storage ------------------------------------------------------------------------------------------

    // One row per grain state (per service, grain type and grain id). Two deviations from the stock script:
    // - Version is bigint, so the table can hold 64-bit versions (PaySim's own storage uses them) although the stock
    //   provider still exchanges 32-bit ones.
    // - A unique key on the grain's identity, so two first writes of one state (two activations of one grain, which
    //   Orleans can briefly have during a partition) cannot both insert a row; the stock script has no key and
    //   relies on a NOT EXISTS check that two concurrent transactions both pass.
    // The key leads with the two hashes the provider sends (fixed for a given identity and hasher) so a lookup
    // narrows to a few rows at once, and ends with the key extension, the only nullable part of the identity;
    // NULLS NOT DISTINCT makes a grain without extension unique too. fillfactor leaves room in each page so a state
    // update, which changes no indexed column, can stay on its page (a HOT update, no index write).
    private const string StorageTable = """
        CREATE TABLE OrleansStorage (
            GrainIdHash integer NOT NULL,
            GrainTypeHash integer NOT NULL,
            GrainIdN0 bigint NOT NULL,
            GrainIdN1 bigint NOT NULL,
            GrainTypeString text NOT NULL,
            ServiceId text NOT NULL,
            GrainIdExtensionString text NULL,
            PayloadBinary bytea NULL,
            ModifiedOn timestamptz NOT NULL,
            Version bigint NOT NULL,
            CONSTRAINT OrleansStorage_GrainKey UNIQUE NULLS NOT DISTINCT
                (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, GrainIdExtensionString)
        ) WITH (fillfactor = 80)
        """;

    // The identity of one state row, as the provider binds it in every storage statement.
    private const string GrainKeyMatches = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
              AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
              AND GrainTypeString = @GrainTypeString AND ServiceId = @ServiceId
              AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        """;

    // The provider reads PayloadBinary and Version by name; no row means the state was never written, a NULL
    // payload that it was cleared (the version stays, so the next write is checked against it).
    private const string ReadFromStorage = $"""
        SELECT PayloadBinary, Version
        FROM OrleansStorage
        WHERE {GrainKeyMatches}
        """;

    // The provider binds @GrainStateVersion to the ETag it holds (NULL when it read no row) and reads
    // NewGrainStateVersion; an answer with no row (or the version it sent) is a conflict, which it reports as
    // InconsistentStateException. With a version, the row is updated only if it still has that version. Without
    // one, the row is inserted with version 1, and the unique key decides between concurrent first writes: the
    // second INSERT waits for the first to end, and if the first committed it does nothing and returns no row.
    // Neither branch goes past the last 32-bit version: the provider could not parse the version it would get
    // back, after the write had committed; stopping there turns that into a plain conflict with nothing written.
    private const string WriteToStorage = $"""
        WITH updated AS (
            UPDATE OrleansStorage
            SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
            WHERE {GrainKeyMatches}
              AND Version = @GrainStateVersion AND Version < {LastInt32Version}
            RETURNING Version
        ), inserted AS (
            INSERT INTO OrleansStorage
                (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, GrainIdExtensionString,
                 PayloadBinary, ModifiedOn, Version)
            SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @ServiceId, @GrainIdExtensionString,
                   @PayloadBinary, now(), 1
            WHERE @GrainStateVersion IS NULL
            ON CONFLICT ON CONSTRAINT OrleansStorage_GrainKey DO NOTHING
            RETURNING Version
        )
        SELECT Version AS NewGrainStateVersion FROM updated
        UNION ALL
        SELECT Version FROM inserted
        """;

    // Clearing keeps the row and its version (as the stock provider expects with DeleteStateOnClear left false) and
    // drops the payload. The provider reads the first column; no row is a conflict.
    private const string ClearStorage = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
        WHERE {GrainKeyMatches}
          AND Version = @GrainStateVersion AND Version < {LastInt32Version}
        RETURNING Version AS NewGrainStateVersion
        """;

    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(5, "orleans_clustering", Statements(
            QueryTable,
            MembershipVersionTable,
            MembershipTable,
            StoreQueries(
                ("InsertMembershipVersionKey", InsertMembershipVersion),
                ("InsertMembershipKey", InsertMembership),
                ("UpdateMembershipKey", UpdateMembership),
                ("UpdateIAmAlivetimeKey", UpdateIAmAliveTime),
                ("MembershipReadRowKey", MembershipReadRow),
                ("MembershipReadAllKey", MembershipReadAll),
                ("DeleteMembershipTableEntriesKey", DeleteMembershipTableEntries),
                ("GatewaysQueryKey", GatewaysQuery),
                ("CleanupDefunctSiloEntriesKey", CleanupDefunctSiloEntries),
                ("CleanupDefunctSiloEntryKey", CleanupDefunctSiloEntry)))),
        new(6, "orleans_persistence", Statements(
            StorageTable,
            StoreQueries(
                ("ReadFromStorageKey", ReadFromStorage),
                ("WriteToStorageKey", WriteToStorage),
                ("ClearStorageKey", ClearStorage)))),
    ];

    private static string Statements(params string[] statements) => string.Join(";\n", statements);

    private static string StoreQueries(params (string Key, string Text)[] queries)
    {
        foreach (var (key, text) in queries)
        {
            if (text.Contains(QuoteTag, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The text of query {key} contains the quote tag {QuoteTag}.");
            }
        }

        var rows = queries.Select(query => $"('{query.Key}', {QuoteTag}{query.Text}{QuoteTag})");
        return "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES\n" + string.Join(",\n", rows);
    }
}
