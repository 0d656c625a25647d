using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Silo.Reminders;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' reminder service runs on the silo that owns a grain's hash range, often not the grain's own, so what the
/// table throws crosses silos: a store's failure must leave it as an exception Orleans can carry.
/// </summary>
public sealed class GroupCommitReminderTableFailureTests
{
    private static readonly GrainId s_grain = GrainId.Create("trade", "t1");

    [Fact]
    public async Task AFailedRegistration_LeavesTheTable_AsStoreUnavailable()
    {
        var store = new FailingReminders(ReminderFailure.Registration) { Failing = true };
        IReminderTable table = new GroupCommitReminderTable(store.ReminderStore);

        var failure = await Record.ExceptionAsync(() => table.UpsertRow(
            new ReminderEntry { GrainId = s_grain, ReminderName = "trade", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) }));

        Assert.Equal(1, store.FailedCount);
        Assert.IsType<StoreUnavailableException>(failure);
    }

    [Fact]
    public async Task AFailedRemoval_LeavesTheTable_AsStoreUnavailable()
    {
        var store = new FailingReminders(ReminderFailure.Removal) { Failing = true };
        IReminderTable table = new GroupCommitReminderTable(store.ReminderStore);

        var failure = await Record.ExceptionAsync(() => table.RemoveRow(s_grain, "trade", "1"));

        Assert.Equal(1, store.FailedCount);
        Assert.IsType<StoreUnavailableException>(failure);
    }
}
