using PaySim.Silo.Storage;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>What every store must do with reminders; run once per store by its subclasses.</summary>
public abstract class ReminderTableContractTests(StoreFixture store)
{
    private static readonly TimeSpan s_period = TimeSpan.FromMinutes(1);

    // Reminders of the other tests are due only in 2100, so the due-scan test at Time sees its own alone.
    private static readonly DateTimeOffset s_farFuture = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IReminderTable Reminders => store.Provider.ReminderTable;

    [Fact]
    public async Task Upsert_ThenRead_ReturnsTheStoredEntry()
    {
        var grain = NewGrain();
        var stored = await Reminders.UpsertAsync(grain, "recover", s_farFuture, s_period, CancellationToken.None);

        Assert.Equal(new ReminderEntry(grain, "recover", s_farFuture, s_period, stored.Etag), await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_OfAnExistingReminder_ReplacesTheScheduleWithANewEtag()
    {
        var grain = NewGrain();
        var first = await Reminders.UpsertAsync(grain, "recover", s_farFuture, s_period, CancellationToken.None);
        var second = await Reminders.UpsertAsync(grain, "recover", s_farFuture.AddHours(1), s_period * 2, CancellationToken.None);

        Assert.NotEqual(first.Etag, second.Etag);
        Assert.Equal(second, await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
        Assert.False(await Reminders.TryAdvanceAsync(first, s_farFuture.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task ReadDue_ReturnsDueRemindersEarliestFirstUpToCountMax()
    {
        var grain = NewGrain();
        await Reminders.UpsertAsync(grain, "later", Time.AddSeconds(-1), s_period, CancellationToken.None);
        await Reminders.UpsertAsync(grain, "earliest", Time.AddSeconds(-3), s_period, CancellationToken.None);
        await Reminders.UpsertAsync(grain, "middle", Time.AddSeconds(-2), s_period, CancellationToken.None);
        await Reminders.UpsertAsync(grain, "not-due", Time.AddSeconds(1), s_period, CancellationToken.None);

        var due = await Reminders.ReadDueAsync(Time, countMax: 2, CancellationToken.None);
        Assert.Equal(["earliest", "middle"], due.Select(entry => entry.ReminderName));
        Assert.Equal(3, (await Reminders.ReadDueAsync(Time, countMax: 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TryAdvance_TwoSilosWithTheSameEtag_OnlyOneWins()
    {
        var grain = NewGrain();
        var entry = await Reminders.UpsertAsync(grain, "tick", s_farFuture, s_period, CancellationToken.None);

        var advanced = await Task.WhenAll(
            Reminders.TryAdvanceAsync(entry, s_farFuture.AddMinutes(1), CancellationToken.None),
            Reminders.TryAdvanceAsync(entry, s_farFuture.AddMinutes(2), CancellationToken.None));

        Assert.Single(advanced, won => won);
        var winnerDue = advanced[0] ? s_farFuture.AddMinutes(1) : s_farFuture.AddMinutes(2);
        var stored = await Reminders.ReadAsync(grain, "tick", CancellationToken.None);
        Assert.Equal(winnerDue, stored?.NextDue);
        Assert.NotEqual(entry.Etag, stored?.Etag);
    }

    [Fact]
    public async Task Remove_DeletesTheReminderAndReportsWhetherOneExisted()
    {
        var grain = NewGrain();
        var entry = await Reminders.UpsertAsync(grain, "recover", s_farFuture, s_period, CancellationToken.None);

        Assert.True(await Reminders.RemoveAsync(grain, "recover", CancellationToken.None));
        Assert.Null(await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
        Assert.False(await Reminders.RemoveAsync(grain, "recover", CancellationToken.None));
        Assert.False(await Reminders.TryAdvanceAsync(entry, s_farFuture.AddMinutes(1), CancellationToken.None));
    }
}
