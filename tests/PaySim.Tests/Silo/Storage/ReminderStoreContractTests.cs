using PaySim.Silo.Storage;
using static PaySim.Tests.Silo.Storage.StorageTestData;

namespace PaySim.Tests.Silo.Storage;

/// <summary>What every store must do with reminder rows; run once per store by its subclasses.</summary>
public abstract class ReminderStoreContractTests(StoreFixture store)
{
    private static readonly TimeSpan s_period = TimeSpan.FromMinutes(1);

    // Whole seconds in UTC: every store keeps such an instant exactly.
    private static readonly DateTimeOffset s_startAt = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IReminderStore Reminders => store.Provider.ReminderStore;

    [Fact]
    public async Task Upsert_ThenRead_ReturnsTheReminderWithTheReturnedEtag()
    {
        var reminder = Reminder(NewGrain(), "recover", hash: 1234);
        var etag = await Reminders.UpsertAsync(reminder, CancellationToken.None);

        Assert.Equal(reminder with { Etag = etag }, await Reminders.ReadAsync(reminder.GrainId, "recover", CancellationToken.None));
    }

    [Fact]
    public async Task Read_OfAReminderNeverRegistered_ReturnsNull()
    {
        var grain = NewGrain();
        await Reminders.UpsertAsync(Reminder(grain, "other", hash: 1), CancellationToken.None);

        Assert.Null(await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
        Assert.Empty(await Reminders.ReadByGrainAsync(NewGrain(), CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_OfAnExistingReminder_ReplacesTheScheduleAndHashWithANewEtag()
    {
        var grain = NewGrain();
        var firstEtag = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 10), CancellationToken.None);
        var replacement = Reminder(grain, "recover", hash: 20) with { StartAt = s_startAt.AddHours(1), Period = s_period * 2 };
        var secondEtag = await Reminders.UpsertAsync(replacement, CancellationToken.None);

        Assert.NotEqual(firstEtag, secondEtag);
        Assert.Equal(replacement with { Etag = secondEtag }, await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
        Assert.Single(await Reminders.ReadByGrainAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_OfNewReminders_StartsEachAtARandomVersion()
    {
        // A new row starting at a fixed version would give every new reminder the same ETag, so a silo holding the
        // ETag of a removed registration could remove the next registration of that reminder (ABA).
        var etags = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Reminders.UpsertAsync(Reminder(NewGrain(), "recover", hash: 7), CancellationToken.None)));

        Assert.Equal(etags.Length, etags.Distinct().Count());
    }

    [Fact]
    public async Task Upsert_KeepsStartAtAsAnInstant_WhateverItsOffset()
    {
        var reminder = Reminder(NewGrain(), "recover", hash: 5) with { StartAt = new DateTimeOffset(2100, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)) };
        await Reminders.UpsertAsync(reminder, CancellationToken.None);

        var read = await Reminders.ReadAsync(reminder.GrainId, "recover", CancellationToken.None);
        Assert.Equal(s_startAt.UtcTicks, read?.StartAt.UtcTicks);
    }

    [Fact]
    public async Task ReadByGrain_ReturnsEveryReminderOfThatGrainAndNoOther()
    {
        var type = NewType();
        var (grain, neighbour) = (NewGrain(type), NewGrain(type));
        var etags = new Dictionary<string, string>
        {
            ["recover"] = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 3), CancellationToken.None),
            ["expire"] = await Reminders.UpsertAsync(Reminder(grain, "expire", hash: 3), CancellationToken.None),
        };
        await Reminders.UpsertAsync(Reminder(neighbour, "recover", hash: 3), CancellationToken.None);

        var found = await Reminders.ReadByGrainAsync(grain, CancellationToken.None);

        Assert.Equal(
            etags.Select(pair => Reminder(grain, pair.Key, hash: 3) with { Etag = pair.Value }).OrderBy(r => r.ReminderName, StringComparer.Ordinal),
            found.OrderBy(r => r.ReminderName, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadByHashRange_BeginBelowEnd_ReturnsHashesAboveBeginUpToAndIncludingEnd()
    {
        var type = await RegisterOnePerHashAsync(99, 100, 101, 200, 201);

        Assert.Equal(new uint[] { 101, 200 }, await HashesInRangeAsync(type, 100, 200));
    }

    [Fact]
    public async Task ReadByHashRange_BeginNotBelowEnd_WrapsPastTheTopOfTheRing()
    {
        var type = await RegisterOnePerHashAsync(0, 5, 6, 1000, uint.MaxValue - 10, uint.MaxValue - 9, uint.MaxValue);

        Assert.Equal(new uint[] { 0, 5, uint.MaxValue - 9, uint.MaxValue }, await HashesInRangeAsync(type, uint.MaxValue - 10, 5));
    }

    [Fact]
    public async Task ReadByHashRange_BeginEqualToEnd_ReturnsTheWholeRing()
    {
        var type = await RegisterOnePerHashAsync(0, 41, 42, 43, uint.MaxValue);

        Assert.Equal(new uint[] { 0, 41, 42, 43, uint.MaxValue }, await HashesInRangeAsync(type, 42, 42));
    }

    [Fact]
    public async Task ReadByName_ReturnsThatNameOnEveryGrain_AndNoOtherName()
    {
        var type = NewType();
        var (first, second) = (NewGrain(type), NewGrain(type));
        var firstEtag = await Reminders.UpsertAsync(Reminder(first, "recover", hash: 3), CancellationToken.None);
        var secondEtag = await Reminders.UpsertAsync(Reminder(second, "recover", hash: 4), CancellationToken.None);
        await Reminders.UpsertAsync(Reminder(first, "expiry", hash: 3), CancellationToken.None);

        var found = (await Reminders.ReadByNameAsync("recover", CancellationToken.None)).Where(reminder => reminder.GrainId.Type == type);

        Assert.Equal(
            new[] { Reminder(first, "recover", hash: 3) with { Etag = firstEtag }, Reminder(second, "recover", hash: 4) with { Etag = secondEtag } },
            found.OrderBy(reminder => reminder.GrainHash));
    }

    [Fact]
    public async Task Remove_WithTheCurrentEtag_DeletesTheReminder()
    {
        var grain = NewGrain();
        var etag = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 9), CancellationToken.None);

        Assert.True(await Reminders.RemoveAsync(grain, "recover", etag, CancellationToken.None));
        Assert.Null(await Reminders.ReadAsync(grain, "recover", CancellationToken.None));
        Assert.Empty(await Reminders.ReadByGrainAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task Remove_WithAnEtagFromBeforeTheLastUpsert_ReturnsFalseAndKeepsTheReminder()
    {
        var grain = NewGrain();
        var staleEtag = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 9), CancellationToken.None);
        var currentEtag = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 9) with { Period = s_period * 3 }, CancellationToken.None);

        Assert.False(await Reminders.RemoveAsync(grain, "recover", staleEtag, CancellationToken.None));
        Assert.Equal(currentEtag, (await Reminders.ReadAsync(grain, "recover", CancellationToken.None))?.Etag);
    }

    [Fact]
    public async Task Remove_OfAReminderAlreadyGoneOrWithAForeignEtag_ReturnsFalse()
    {
        var grain = NewGrain();
        var etag = await Reminders.UpsertAsync(Reminder(grain, "recover", hash: 9), CancellationToken.None);
        Assert.True(await Reminders.RemoveAsync(grain, "recover", etag, CancellationToken.None));

        Assert.False(await Reminders.RemoveAsync(grain, "recover", etag, CancellationToken.None));
        Assert.False(await Reminders.RemoveAsync(NewGrain(), "recover", etag, CancellationToken.None));
        // Another provider's ETag (Orleans passes whatever the entry held) must match no row rather than throw.
        var other = NewGrain();
        await Reminders.UpsertAsync(Reminder(other, "recover", hash: 9), CancellationToken.None);
        Assert.False(await Reminders.RemoveAsync(other, "recover", "W/\"not-a-version\"", CancellationToken.None));
        Assert.NotNull(await Reminders.ReadAsync(other, "recover", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_WithAnEtagFromBeforeARemoveAndReRegister_ReturnsFalseAndKeepsTheNewRegistration()
    {
        var grain = NewGrain();
        var oldEtag = await Reminders.UpsertAsync(Reminder(grain, "expiry", hash: 9), CancellationToken.None);
        Assert.True(await Reminders.RemoveAsync(grain, "expiry", oldEtag, CancellationToken.None));
        var renewed = Reminder(grain, "expiry", hash: 9) with { StartAt = s_startAt.AddHours(1) };
        var renewedEtag = await Reminders.UpsertAsync(renewed, CancellationToken.None);

        Assert.NotEqual(oldEtag, renewedEtag);
        Assert.False(await Reminders.RemoveAsync(grain, "expiry", oldEtag, CancellationToken.None));
        Assert.Equal(renewed with { Etag = renewedEtag }, await Reminders.ReadAsync(grain, "expiry", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_TwoConcurrentRemovesWithTheSameEtag_ExactlyOneSucceeds()
    {
        var grain = NewGrain();
        var etag = await Reminders.UpsertAsync(Reminder(grain, "tick", hash: 9), CancellationToken.None);

        var removed = await Task.WhenAll(
            Reminders.RemoveAsync(grain, "tick", etag, CancellationToken.None),
            Reminders.RemoveAsync(grain, "tick", etag, CancellationToken.None));

        Assert.Single(removed, won => won);
        Assert.Null(await Reminders.ReadAsync(grain, "tick", CancellationToken.None));
    }

    private static StoredReminder Reminder(StoredGrainId grain, string name, uint hash) =>
        new(grain, hash, name, s_startAt, s_period, Etag: "");

    /// <summary>Registers one reminder per hash, each on its own grain of a fresh type, and returns the type.</summary>
    private async Task<string> RegisterOnePerHashAsync(params uint[] hashes)
    {
        var type = NewType();
        foreach (var hash in hashes)
        {
            await Reminders.UpsertAsync(Reminder(NewGrain(type), "tick", hash), CancellationToken.None);
        }

        return type;
    }

    /// <summary>The hashes of this test's reminders in the range, sorted: the store is shared with the other tests.</summary>
    private async Task<uint[]> HashesInRangeAsync(string type, uint beginExclusive, uint endInclusive) =>
        [.. (await Reminders.ReadByHashRangeAsync(beginExclusive, endInclusive, CancellationToken.None))
            .Where(reminder => reminder.GrainId.Type == type)
            .Select(reminder => reminder.GrainHash)
            .Order()];
}
