using Npgsql;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.GroupCommit;
using PaySim.Silo.Storage.PostgreSql;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>
/// The PostgreSQL executor sends a group commit as a few multi-row statements: each write still gets its own outcome
/// (its new version, or none when it missed its row), and writes to one row within a batch apply in queue order.
/// </summary>
public sealed class PostgreSqlBatchExecutorTests(PostgreSqlStoreFixture store) : IClassFixture<PostgreSqlStoreFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    private PostgreSqlBatchExecutor Executor => new(_dataSource);

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(store.Options.ConnectionString!);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Batch_OfHitsAndMisses_GivesEachWriteItsOwnOutcome_AndJournalsOnlyTheHits()
    {
        var existing = NewGrain();
        await CommitAsync(State(existing, "1", null, "op-0"));
        var fresh = NewGrain();
        var reminderGrain = NewGrain("trade");

        var batch = await CommitAsync(
            State(fresh, "new", null, "op-1", "op-2"), // insert: hit
            State(existing, "2", 1, "op-3"), // update at the right version: hit
            State(NewGrain(), "never", 7, "op-4"), // update of a row that does not exist: miss
            Upsert(reminderGrain, "expiry"), // new reminder: hit
            Remove(NewGrain("trade"), "expiry", 1)); // no such reminder: miss

        Assert.Equal([1L, 2L, null, FirstReminderVersion, null], batch.Select(pending => pending.Version));
        Assert.Equal(["op-1", "op-2"], await JournalAsync(fresh));
        Assert.Equal(["op-0", "op-3"], await JournalAsync(existing));
    }

    [Fact]
    public async Task Batch_WithAStaleVersionOrARowThatExists_MissesOnlyThoseWrites()
    {
        var existing = NewGrain();
        await CommitAsync(State(existing, "1", null));
        var other = NewGrain();

        var batch = await CommitAsync(
            State(existing, "stale", 5, "op-stale"),
            State(other, "1", null),
            State(existing, "again", null, "op-again"));

        Assert.Equal([null, 1L, null], batch.Select(pending => pending.Version));
        Assert.Empty(await JournalAsync(existing));
    }

    [Fact]
    public async Task Batch_WritingOneRowTwice_AppliesTheWritesInQueueOrder()
    {
        var grain = NewGrain();
        var reminderGrain = NewGrain("trade");

        var batch = await CommitAsync(
            State(grain, "1", null, "op-1"),
            Upsert(reminderGrain, "expiry"),
            State(grain, "2", 1, "op-2"),
            Remove(reminderGrain, "expiry", FirstReminderVersion));

        Assert.Equal([1L, FirstReminderVersion, 2L, FirstReminderVersion], batch.Select(pending => pending.Version));
        Assert.Equal(["op-1", "op-2"], await JournalAsync(grain));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM reminders WHERE grain_id = $1", reminderGrain.Key));
    }

    [Fact]
    public void Statements_ForABatchOfManyWritesOfEachKind_AreOnePerKind()
    {
        List<PendingWrite> batch =
        [
            .. Enumerable.Range(0, 50).Select(index => new PendingWrite(State(NewGrain(), $"{index}", index % 2 == 0 ? null : 3, $"op-{index}"))),
            .. Enumerable.Range(0, 10).Select(_ => new PendingWrite(Upsert(NewGrain("trade"), "expiry"))),
            .. Enumerable.Range(0, 10).Select(_ => new PendingWrite(Remove(NewGrain("trade"), "expiry", 1))),
        ];

        Assert.Equal(3, PostgreSqlStatements.For(batch).Count());
    }

    private const long FirstReminderVersion = 41;

    private static StateWrite State(StoredGrainId grain, string payload, long? expectedVersion, params string[] entryIds) =>
        new(grain, StateName, Payload(payload), expectedVersion, [.. entryIds.Select(Entry)], Time);

    private static ReminderUpsert Upsert(StoredGrainId grain, string name) =>
        new(grain, name, GrainHash: 7, Time, TimeSpan.FromMinutes(1), FirstReminderVersion);

    private static ReminderRemove Remove(StoredGrainId grain, string name, long expectedVersion) => new(grain, name, expectedVersion);

    private async Task<List<PendingWrite>> CommitAsync(params StorageWrite[] writes)
    {
        var batch = writes.Select(write => new PendingWrite(write)).ToList();
        await Executor.ExecuteInOneTransactionAsync(batch, CancellationToken.None);
        return batch;
    }

    private async Task<List<string>> JournalAsync(StoredGrainId grain)
    {
        await using var command = _dataSource.CreateCommand("SELECT entry_id FROM grain_journal WHERE grain_type = $1 AND grain_id = $2 ORDER BY entry_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Key });
        var entries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(reader.GetString(0));
        }

        return entries;
    }

    private async Task<T> ScalarAsync<T>(string sql, string argument)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = argument });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
