using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Persistence;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains.Movements;

/// <summary>The runner's shell around the protocol, with no cluster: ids, the reminder, the order of writes, resuming.</summary>
[Trait("Tier", "Unit")]
public sealed class MovementRunnerTests
{
    private const string Owner = "owner:1";

    [Fact]
    public async Task Start_NamesTheMovementByTheOneScheme_AndStoresTheFlowsIntentWithIt()
    {
        var (runner, state, _, _) = Build(foundByStateMark: false);

        await runner.StartAsync(Request("7"), next => next.Note = "intent");

        var intent = state.Commits[0];
        Assert.Equal(("intent", MovementIds.Of(MovementFlow.TradePayment, Owner, "7"), MovementIds.Reference(MovementFlow.TradePayment, Owner)),
            (intent.Note, intent.InFlight!.OperationId, intent.InFlight.Reference));
        Assert.Null(state.Current.InFlight);
        Assert.Equal("outcome Completed", state.Current.Note);
    }

    [Fact]
    public async Task Start_MovesNoMoneyUntilTheIntentAndTheReminderAreBothStored()
    {
        var (runner, state, reminder, legs) = Build(foundByStateMark: false);
        reminder.ArmGate = new TaskCompletionSource();

        var running = runner.StartAsync(Request("1"), _ => { });
        await Task.Delay(50);
        Assert.Single(state.Commits); // the intent was issued together with the registration
        Assert.Empty(legs.Calls);

        reminder.ArmGate.SetResult();
        await running;
        Assert.Equal(["debit payer", "credit payee"], legs.Calls);
    }

    [Fact]
    public async Task Start_WhileAMovementIsInFlight_IsRefused()
    {
        var (runner, state, _, _) = Build(foundByStateMark: false);
        state.Current.InFlight = new Movement(MovementFlow.TradePayment, "x", "r", "payer", "payee", 1, MovementKind.PaymentOut, MovementKind.PaymentIn, DateTimeOffset.UnixEpoch);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync(Request("2"), _ => { }));
    }

    [Fact]
    public async Task Outcome_OfAnOutcomeFirstFlow_IsStoredBeforeTheReminderIsRemoved()
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: false);

        await runner.StartAsync(Request("1"), _ => { });

        Assert.Equal(["arm", "commit", "commit", "disarm"], Events(state, reminder));
    }

    [Fact]
    public async Task Start_OfAFlowFoundByItsStateMark_ArmsNoReminder_TheIntentIsStoredMarked_AndTheOutcomeUnmarked()
    {
        var (runner, state, reminder, legs) = Build(foundByStateMark: true);

        await runner.StartAsync(Request("1"), _ => { });

        Assert.Equal(["commit", "commit"], Events(state, reminder));
        Assert.Equal([true, false], state.Commits.Select(commit => ((IMovementMarkedState)commit).HasMovementInFlight));
        Assert.Equal(["debit payer", "credit payee"], legs.Calls);
    }

    [Fact]
    public async Task Start_OfAFlowFoundByItsStateMark_WhereTheDocumentStoreMarksNothing_KeepsTheReminder()
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: true);
        reminder.StatesAreMarked = false; // PaySim:Storage:DocumentStore=AdoNet

        await runner.StartAsync(Request("1"), _ => { });

        Assert.Equal(["arm", "commit", "commit", "disarm"], Events(state, reminder));
    }

    [Fact]
    public async Task Outcome_OfAFlowFoundByItsStateMark_WhenTheOutcomeWriteFails_LeavesTheMarkedIntent_AndFails()
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: true);
        state.FailCommit = 2;

        await Assert.ThrowsAsync<IOException>(() => runner.StartAsync(Request("1"), _ => { }));

        Assert.Empty(reminder.Events);
        Assert.True(((IMovementMarkedState)state.Current).HasMovementInFlight);
        Assert.NotNull(runner.InFlight);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resume_OfAFlowFoundByItsStateMark_ArmsNothing_AndDropsAReminderAnOlderVersionMayHaveLeft(bool armFirst)
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: true);
        state.Current.InFlight = StoredInFlight();

        Assert.Equal(MovementOutcome.Completed, await runner.ResumeAsync(armFirst));

        Assert.Equal(["commit", "disarm"], Events(state, reminder));
    }

    [Fact]
    public async Task Outcome_WithAFollowUpPending_KeepsTheReminder_UntilTheFlowIsSettled()
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: false, followUp: true);

        await runner.StartAsync(Request("1"), _ => { });
        Assert.True(reminder.Armed);

        state.Current.Note = "settled";
        await runner.OnRecoveryTickAsync();
        Assert.False(reminder.Armed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resume_FromAClientCall_ArmsTheReminderFirst_ButNotFromATick(bool armFirst)
    {
        var (runner, state, reminder, _) = Build(foundByStateMark: false);
        state.Current.InFlight = StoredInFlight();

        Assert.Equal(MovementOutcome.Completed, await runner.ResumeAsync(armFirst));

        Assert.Equal(armFirst, reminder.Events.Contains("arm"));
        Assert.Null(await runner.ResumeAsync(armFirst));
    }

    [Fact]
    public async Task Tick_WithNothingInFlight_DropsTheReminder()
    {
        var (runner, _, reminder, legs) = Build(foundByStateMark: false);

        await runner.OnRecoveryTickAsync();

        Assert.Equal(["disarm"], reminder.Events);
        Assert.Empty(legs.Calls);
    }

    /// <summary>A movement of <see cref="Request"/>'s key 1, as an earlier activation stored it before it was interrupted.</summary>
    private static Movement StoredInFlight() =>
        new(MovementFlow.TradePayment, MovementIds.Of(MovementFlow.TradePayment, Owner, "1"), "r", "payer", "payee", 100,
            MovementKind.PaymentOut, MovementKind.PaymentIn, DateTimeOffset.UnixEpoch);

    private static MovementRequest Request(string key) =>
        new(MovementFlow.TradePayment, key, "payer", "payee", 100, MovementKind.PaymentOut, MovementKind.PaymentIn);

    private static List<string> Events(FakeStateStore state, FakeReminder reminder) =>
        [.. state.Log.Concat(reminder.Log).OrderBy(entry => entry.Sequence).Select(entry => entry.What)];

    private static (MovementRunner<NoteState>, FakeStateStore, FakeReminder, FakeLegs) Build(bool foundByStateMark, bool followUp = false)
    {
        var sequence = new EventSequence();
        var state = new FakeStateStore(sequence);
        var reminder = new FakeReminder(sequence);
        var legs = new FakeLegs();
        legs.Balances["payer"] = 1_000;
        var runner = new MovementRunner<NoteState>(Owner, new NoteFlow(foundByStateMark, followUp), state, reminder, legs,
            new FakeTimeProvider(), NullLogger.Instance);
        return (runner, state, reminder, legs);
    }

    /// <summary>An owner state with one note the flow writes at the intent and at the outcome.</summary>
    internal sealed class NoteState : IMovementState<NoteState>
    {
        public string Note { get; set; } = "";

        public Movement? InFlight { get; set; }

        public NoteState Clone() => (NoteState)MemberwiseClone();
    }

    private sealed class NoteFlow(bool foundByStateMark, bool followUp) : IMovementFlow<NoteState>
    {
        public bool FoundByStateMark => foundByStateMark;

        public void RecordOutcome(NoteState next, Movement movement, MovementOutcome outcome) => next.Note = $"outcome {outcome.End}";

        public bool HasFollowUp(NoteState state) => followUp && state.Note != "settled";
    }

    private sealed class EventSequence
    {
        private int _next;

        public int Next() => Interlocked.Increment(ref _next);
    }

    private sealed class FakeStateStore(EventSequence sequence) : IMovementStateStore<NoteState>
    {
        public NoteState Current { get; private set; } = new();

        public List<NoteState> Commits { get; } = [];

        public List<(int Sequence, string What)> Log { get; } = [];

        public int FailCommit { get; set; }

        public Task CommitAsync(NoteState next)
        {
            Log.Add((sequence.Next(), "commit"));
            Commits.Add(next);
            if (Commits.Count == FailCommit)
            {
                return Task.FromException(new IOException("The store is down."));
            }

            Current = next;
            return Task.CompletedTask;
        }
    }

    private sealed class FakeReminder(EventSequence sequence) : IRecoveryReminder
    {
        public bool StatesAreMarked { get; set; } = true;

        public bool Armed { get; private set; }

        public bool IsArmedHere => Armed;

        public TaskCompletionSource? ArmGate { get; set; }

        public List<(int Sequence, string What)> Log { get; } = [];

        public IEnumerable<string> Events => Log.Select(entry => entry.What);

        public async Task ArmAsync()
        {
            Log.Add((sequence.Next(), "arm"));
            if (ArmGate is not null)
            {
                await ArmGate.Task;
            }

            Armed = true;
        }

        public Task DisarmAsync()
        {
            Log.Add((sequence.Next(), "disarm"));
            Armed = false;
            return Task.CompletedTask;
        }
    }
}
