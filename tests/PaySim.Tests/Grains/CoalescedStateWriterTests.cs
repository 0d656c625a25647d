using Orleans.Storage;
using PaySim.Grains;
using PaySim.Grains.Persistence;

namespace PaySim.Tests.Grains;

public sealed class CoalescedStateWriterTests
{
    [Fact]
    public async Task ChangesMadeWhileAWriteIsInFlight_GoOutTogetherInTheNextWrite()
    {
        var state = new ScriptedState();
        var writer = new CoalescedStateWriter<Box>(state, () => { });

        var first = writer.CommitAsync(new Box(1), [Entry("a")]);
        var second = writer.CommitAsync(new Box(2), [Entry("b")]);
        var third = writer.CommitAsync(new Box(3), [Entry("c")]);
        Assert.False(second.IsCompleted);
        state.CompleteWrite();
        await first;
        Assert.False(second.IsCompleted);
        state.CompleteWrite();
        await Task.WhenAll(second, third);

        Assert.Equal([["a"], ["b", "c"]], state.Writes.Select(write => write.Entries));
        Assert.Equal([1, 3], state.Writes.Select(write => write.Value));
        Assert.Equal(3, writer.Committed.Value);
    }

    [Fact]
    public async Task AFailedWrite_FailsEveryWaitingCaller_RestoresTheCommittedState_AndRetiresTheGrain()
    {
        var state = new ScriptedState();
        var retired = false;
        var writer = new CoalescedStateWriter<Box>(state, () => retired = true);
        var committed = writer.CommitAsync(new Box(1), []);
        state.CompleteWrite();
        await committed;

        var failing = writer.CommitAsync(new Box(2), []);
        var queued = writer.CommitAsync(new Box(3), []);
        state.FailWrite(new InconsistentStateException("State 's' of grain t/k was changed by someone else.", storedEtag: "2", currentEtag: "1"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => failing);
        await Assert.ThrowsAsync<InconsistentStateException>(() => queued);
        await Assert.ThrowsAsync<InconsistentStateException>(() => writer.CommitAsync(new Box(4), []));
        Assert.Equal(1, state.State.Value);
        Assert.Equal(1, writer.Committed.Value);
        Assert.True(retired);
    }

    private static JournalEntry Entry(string id) => new(id, "{}", DateTimeOffset.UnixEpoch);

    public sealed class Box(int value)
    {
        public Box()
            : this(0)
        {
        }

        public int Value { get; } = value;
    }

    /// <summary>A state whose writes complete only when the test says so.</summary>
    private sealed class ScriptedState : IJournaledState<Box>
    {
        private TaskCompletionSource _write = new();

        public List<(int Value, string[] Entries)> Writes { get; } = [];

        public Box State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => true;

        public void CompleteWrite() => Interlocked.Exchange(ref _write, new TaskCompletionSource()).SetResult();

        public void FailWrite(Exception exception) => Interlocked.Exchange(ref _write, new TaskCompletionSource()).SetException(exception);

        public Task WriteStateAsync(IReadOnlyList<JournalEntry> journalEntries)
        {
            Writes.Add((State.Value, journalEntries.Select(entry => entry.EntryId).ToArray()));
            return _write.Task;
        }

        public Task<JournalEntry?> ReadJournalEntryAsync(string entryId) => Task.FromResult<JournalEntry?>(null);
    }
}
