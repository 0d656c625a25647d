using PaySim.Silo.Reminders;
using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> over PaySim's store, called as Orleans' reminder service calls it.
/// Run once per store by its subclasses.
/// </summary>
public abstract class GroupCommitReminderTableContractTests(StoreFixture store)
{
    private static readonly DateTime s_startAt = new(2100, 1, 1, 8, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan s_period = TimeSpan.FromMinutes(3);

    private IReminderTable Table => new GroupCommitReminderTable(store.Provider.ReminderStore);

    [Fact]
    public async Task UpsertRow_ThenReadRow_RoundTripsTheEntryWithAUtcStartAndTheReturnedEtag()
    {
        var grain = NewGrain(NewType());
        var etag = await Table.UpsertRow(Entry(grain, "recover"));

        var read = await Table.ReadRow(grain, "recover");

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal((grain, "recover", s_startAt, DateTimeKind.Utc, s_period, etag), Describe(read));
    }

    [Fact]
    public async Task ReadRow_OfAReminderNeverRegistered_ReturnsNull()
    {
        Assert.Null(await Table.ReadRow(NewGrain(NewType()), "recover"));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsEveryReminderOfThatGrainAndNoOther()
    {
        var type = NewType();
        var (grain, neighbour) = (NewGrain(type), NewGrain(type));
        var recoverEtag = await Table.UpsertRow(Entry(grain, "recover"));
        var expireEtag = await Table.UpsertRow(Entry(grain, "expire"));
        await Table.UpsertRow(Entry(neighbour, "recover"));

        var rows = (await Table.ReadRows(grain)).Reminders;

        Assert.Equal(
            new[] { (grain, "expire", s_startAt, DateTimeKind.Utc, s_period, expireEtag), (grain, "recover", s_startAt, DateTimeKind.Utc, s_period, recoverEtag) },
            rows.Select(Describe).OrderBy(row => row.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadRows_ByHashRange_FindsAGrainByItsUniformHashCode()
    {
        var type = NewType();
        var grains = Enumerable.Range(0, 3).Select(_ => NewGrain(type)).ToArray();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "tick"));
        }

        var target = grains[1];
        var hash = target.GetUniformHashCode();

        // (hash - 1, hash] holds the target alone.
        Assert.Equal(new[] { target }, await GrainsInRangeAsync(type, unchecked(hash - 1), hash));
        // (hash, hash - 1] wraps past the top of the ring: every grain but the target.
        Assert.Equal(grains.Where(grain => grain != target).Order(), await GrainsInRangeAsync(type, hash, unchecked(hash - 1)));
        // An equal begin and end is the whole ring.
        Assert.Equal(grains.Order(), await GrainsInRangeAsync(type, hash, hash));
    }

    [Fact]
    public async Task RemoveRow_WithAStaleEtag_ReturnsFalseAndKeepsTheReminder()
    {
        var grain = NewGrain(NewType());
        var staleEtag = await Table.UpsertRow(Entry(grain, "recover"));
        var currentEtag = await Table.UpsertRow(Entry(grain, "recover"));

        Assert.False(await Table.RemoveRow(grain, "recover", staleEtag!));
        Assert.Equal(currentEtag, (await Table.ReadRow(grain, "recover"))?.ETag);

        Assert.True(await Table.RemoveRow(grain, "recover", currentEtag!));
        Assert.Null(await Table.ReadRow(grain, "recover"));
        Assert.False(await Table.RemoveRow(grain, "recover", currentEtag!));
    }

    private static string NewType() => $"probe{Guid.NewGuid():N}";

    private static GrainId NewGrain(string type) => GrainId.Create(type, $"提醒-{Guid.NewGuid():N}");

    private static ReminderEntry Entry(GrainId grain, string name) =>
        new() { GrainId = grain, ReminderName = name, StartAt = s_startAt, Period = s_period };

    private static (GrainId Grain, string Name, DateTime StartAt, DateTimeKind Kind, TimeSpan Period, string? ETag) Describe(ReminderEntry entry) =>
        (entry.GrainId, entry.ReminderName, entry.StartAt, entry.StartAt.Kind, entry.Period, entry.ETag);

    /// <summary>This test's grains among the rows of the range, sorted: the store is shared with the other tests.</summary>
    private async Task<GrainId[]> GrainsInRangeAsync(string type, uint beginExclusive, uint endInclusive) =>
        [.. (await Table.ReadRows(beginExclusive, endInclusive)).Reminders
            .Select(entry => entry.GrainId)
            .Where(grain => grain.Type.ToString() == type)
            .Order()];
}
