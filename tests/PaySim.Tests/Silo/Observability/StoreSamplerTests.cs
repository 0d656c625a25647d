using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Transfers;
using PaySim.Silo.Observability;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Observability;

/// <summary>
/// What the store gauges report, read from a store: unfinished movements (count, fen, oldest start) from the
/// orchestrators' stored states, and reminders by name, due once their first tick is past.
/// </summary>
public sealed class StoreSamplerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sample_CountsOnlyUnfinishedMovements_WithTheirSumAndTheOldestStart()
    {
        var store = new MemoryStorageProvider();
        await StoreTransferAsync(store, "t-old", InFlight(700, Now.AddMinutes(-5)));
        await StoreTransferAsync(store, "t-young", InFlight(300, Now.AddSeconds(-2)));
        await StoreTransferAsync(store, "t-done", inFlight: null);

        var sample = await new StoreSampler(store, documentsInOrleansStorage: false, new FakeTimeProvider(Now)).ReadAsync(CancellationToken.None);

        Assert.Equal((2, 1000, Now.AddMinutes(-5)), (sample.InFlightCount, sample.InFlightFen, sample.OldestStartedAt));
    }

    [Fact]
    public async Task Sample_WithNothingStored_ReportsNothingInFlight_AndTheWatchedReminderNamesAtZero()
    {
        var sample = await new StoreSampler(new MemoryStorageProvider(), documentsInOrleansStorage: false, new FakeTimeProvider(Now)).ReadAsync(CancellationToken.None);

        Assert.Equal((0, 0, null), (sample.InFlightCount, sample.InFlightFen, sample.OldestStartedAt));
        Assert.Equal(new Dictionary<string, long> { ["recover"] = 0, ["deliver"] = 0 }, sample.RemindersByName);
        Assert.Equal(new Dictionary<string, long> { ["recover"] = 0, ["deliver"] = 0 }, sample.DueRemindersByName);
    }

    [Fact]
    public async Task Sample_CountsRemindersByName_AndAsDueThoseWhoseFirstTickIsPast()
    {
        var store = new MemoryStorageProvider();
        await StoreReminderAsync(store, "transfer", "t-1", "recover", Now.AddMinutes(-1));
        await StoreReminderAsync(store, "transfer", "t-2", "recover", Now.AddMinutes(1));
        await StoreReminderAsync(store, "merchantnotification", "m-1", "deliver", Now.AddSeconds(30));
        await StoreReminderAsync(store, "trade", "x-1", "trade", Now);

        var sample = await new StoreSampler(store, documentsInOrleansStorage: false, new FakeTimeProvider(Now)).ReadAsync(CancellationToken.None);

        Assert.Equal(new Dictionary<string, long> { ["recover"] = 2, ["deliver"] = 1, ["trade"] = 1 }, sample.RemindersByName);
        Assert.Equal(new Dictionary<string, long> { ["recover"] = 1, ["deliver"] = 0, ["trade"] = 1 }, sample.DueRemindersByName);
    }

    private static Movement InFlight(long amountFen, DateTimeOffset startedAt) =>
        new(MovementFlow.Transfer, "transfer:t:1", "t", "a", "b", amountFen, MovementKind.TransferOut, MovementKind.TransferIn, startedAt);

    private static Task StoreTransferAsync(MemoryStorageProvider store, string key, Movement? inFlight) =>
        store.GrainStateStore.WriteStateAsync(new StoredGrainId("transfer", key), "transfer",
            StateJson.Serialize(new TransferGrainState { Source = "a", Target = "b", InFlight = inFlight }), expectedEtag: null, [],
            movementInFlight: inFlight is not null, CancellationToken.None);

    private static Task StoreReminderAsync(MemoryStorageProvider store, string grainType, string key, string name, DateTimeOffset startAt) =>
        store.ReminderStore.UpsertAsync(new StoredReminder(new StoredGrainId(grainType, key), 1, name, startAt, TimeSpan.FromMinutes(1), ""), CancellationToken.None);
}
