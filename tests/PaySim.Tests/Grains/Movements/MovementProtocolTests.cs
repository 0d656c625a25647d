using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Tests.Grains.Movements;

/// <summary>The protocol alone, against accounts in memory: every step, and every call or write failing in turn.</summary>
[Trait("Tier", "Unit")]
public sealed class MovementProtocolTests
{
    private const long OpeningFen = 1_000;
    private const long AmountFen = 300;

    private static readonly Movement s_movement = new(MovementFlow.Transfer, MovementIds.Of(MovementFlow.Transfer, "t1", "1"),
        MovementIds.Reference(MovementFlow.Transfer, "t1"), "payer", "payee", AmountFen, MovementKind.TransferOut, MovementKind.TransferIn,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Start_WhenBothSidesAccept_DebitsThenCredits_AndStoresIntentThenOutcome()
    {
        var (legs, recorder) = Accounts();

        var outcome = await MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance);

        Assert.Equal(MovementOutcome.Completed, outcome);
        Assert.Equal(["debit payer", "credit payee"], legs.Calls);
        Assert.Equal(["intent", "outcome"], recorder.Writes);
        Assert.Equal((OpeningFen - AmountFen, AmountFen), (legs.Balances["payer"], legs.Balances["payee"]));
    }

    [Fact]
    public async Task Start_WhenTheDebitIsRefused_EndsWithNothingMoved_AndNeverCredits()
    {
        var (legs, recorder) = Accounts();
        legs.Balances["payer"] = AmountFen - 1;

        var outcome = await MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance);

        Assert.Equal(new MovementOutcome(MovementEnd.DebitRefused, AccountResult.InsufficientFunds), outcome);
        Assert.Equal(["debit payer", "fence payer"], legs.Calls);
        Assert.Equal(["intent", "outcome"], recorder.Writes);

        // A copy of the debit arriving late, once the payer has the money, meets the fence and is answered its refusal.
        legs.Balances["payer"] = OpeningFen;
        Assert.Equal(AccountResult.InsufficientFunds, await legs.ApplyAsync("payer", s_movement.Debit(mayBeRetry: false)));
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
    }

    [Fact]
    public async Task Start_WhenAnotherCopysDebitLandsBetweenTheRefusalAndTheFence_CompletesTheMovement()
    {
        var (legs, recorder) = Accounts();
        legs.Balances["payer"] = AmountFen - 1;
        legs.BeforeCall = call =>
        {
            if (call == "fence payer")
            {
                // A stale activation's debit, sent before this run's and delivered after it, once the payer could pay.
                legs.Balances["payer"] = OpeningFen;
                legs.ApplyAsync("payer", s_movement.Debit(mayBeRetry: false)).GetAwaiter().GetResult();
            }
        };

        var outcome = await MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance);

        Assert.Equal(MovementOutcome.Completed, outcome);
        Assert.Equal(["debit payer", "debit payer", "fence payer", "credit payee"], legs.Calls);
        Assert.Equal((OpeningFen - AmountFen, AmountFen), (legs.Balances["payer"], legs.Balances["payee"]));
    }

    [Fact]
    public async Task Start_WhenTheCreditIsRefused_StoresTheMarker_FencesTheCredit_ThenReverses()
    {
        var (legs, recorder) = Accounts();
        legs.RefusesCredits["payee"] = AccountResult.AccountFrozen;

        var outcome = await MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance);

        Assert.Equal(new MovementOutcome(MovementEnd.Reversed, AccountResult.AccountFrozen), outcome);
        Assert.Equal(["debit payer", "credit payee", "fence payee", "reversal payer"], legs.Calls);
        Assert.Equal(["intent", "reversing", "outcome"], recorder.Writes);
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
    }

    [Fact]
    public async Task Resume_AtReversing_NeverCredits_EvenWhenThePayeeCanReceiveNow()
    {
        var (legs, recorder) = Accounts();
        legs.RefusesCredits["payee"] = AccountResult.AccountFrozen;
        recorder.FailWrite = 3; // the outcome: the run ends at Reversing with the reversal applied
        await Assert.ThrowsAsync<IOException>(() => MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance));
        legs.RefusesCredits.Clear();
        legs.Calls.Clear();

        var outcome = await MovementProtocol.ResumeAsync(legs, recorder.Stored!, recorder, NullLogger.Instance);

        Assert.Equal(MovementEnd.Reversed, outcome.End);
        Assert.Equal(["fence payee", "reversal payer"], legs.Calls);
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
    }

    [Fact]
    public async Task Resume_AStaleCopyAtStarted_AfterAnotherCopyReversed_IsRefusedTheCredit_AndMovesNothing()
    {
        var (legs, recorder) = Accounts();
        legs.RefusesCredits["payee"] = AccountResult.NoSuchAccount;
        Assert.Equal(MovementEnd.Reversed, (await MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance)).End);
        legs.RefusesCredits.Clear();

        // The stale copy still holds the intent: its debit is recognised as applied, its credit meets the fence.
        var stale = await MovementProtocol.ResumeAsync(legs, s_movement, new FakeRecorder(), NullLogger.Instance);

        Assert.Equal(new MovementOutcome(MovementEnd.Reversed, AccountResult.NoSuchAccount), stale);
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
    }

    [Fact]
    public async Task Resume_AStaleCopyAtStarted_AfterAnotherCopyWasRefusedTheDebit_MovesNothing_EvenOnceThePayerHasTheMoney()
    {
        var (legs, _) = Accounts();
        legs.Balances["payer"] = AmountFen - 1;
        var row = new FakeOwnerRow();
        var first = new FakeRecorder(row);
        Assert.Equal(MovementEnd.DebitRefused, (await MovementProtocol.StartAsync(legs, s_movement, first, NullLogger.Instance)).End);
        legs.Balances["payer"] = OpeningFen;
        legs.Calls.Clear();

        // A copy that read the row as the intent left it (version 1), before the refusal's outcome was stored over it:
        // its debit meets the fence, and its own outcome is refused as stale.
        var stale = new FakeRecorder(row, readVersion: 1);
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => MovementProtocol.ResumeAsync(legs, s_movement, stale, NullLogger.Instance));

        Assert.Equal(["debit payer", "fence payer"], legs.Calls);
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
        Assert.Equal(new MovementOutcome(MovementEnd.DebitRefused, AccountResult.InsufficientFunds), first.Outcome);
    }

    [Fact]
    public async Task Resume_AfterItsOwnDebitFence_EndsWithTheRefusalTheFenceKept_NotAConflict()
    {
        var (legs, recorder) = Accounts(refuser: "payer");
        recorder.FailWrite = 2; // the outcome: the run dies between the debit's fence and its refusal's outcome
        await Assert.ThrowsAsync<IOException>(() => MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance));
        legs.Balances["payer"] = OpeningFen;
        legs.Calls.Clear();

        var outcome = await MovementProtocol.ResumeAsync(legs, recorder.Stored!, recorder, NullLogger.Instance);

        Assert.Equal(new MovementOutcome(MovementEnd.DebitRefused, AccountResult.InsufficientFunds), outcome);
        Assert.Equal(["debit payer", "fence payer"], legs.Calls);
        Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
    }

    [Fact]
    public async Task Resume_AtReversing_WhenTheCreditLandedFirst_CompletesInsteadOfReversing()
    {
        var (legs, recorder) = Accounts();
        var reversing = s_movement with { Step = MovementStep.Reversing, Refusal = AccountResult.AccountFrozen };
        Assert.Equal(AccountResult.Ok, await legs.ApplyAsync("payer", s_movement.Debit(mayBeRetry: false)));
        Assert.Equal(AccountResult.Ok, await legs.ApplyAsync("payee", s_movement.Credit(mayBeRetry: false)));
        legs.Calls.Clear();

        var outcome = await MovementProtocol.ResumeAsync(legs, reversing, recorder, NullLogger.Instance);

        Assert.Equal(MovementOutcome.Completed, outcome);
        Assert.Equal(["fence payee"], legs.Calls);
        Assert.Equal((OpeningFen - AmountFen, AmountFen), (legs.Balances["payer"], legs.Balances["payee"]));
    }

    [Fact]
    public async Task Resume_WhenThePayerRefusesTheReversal_Throws_AndStaysAtReversing()
    {
        var (legs, recorder) = Accounts();
        var reversing = s_movement with { Step = MovementStep.Reversing, Refusal = AccountResult.AccountFrozen };
        await legs.ApplyAsync("payer", new AccountMovement(reversing.Reversal().OperationId, MovementKind.Deposit, 1, null, null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => MovementProtocol.ResumeAsync(legs, reversing, recorder, NullLogger.Instance));

        Assert.Empty(recorder.Writes);
    }

    /// <summary>Which account refuses its leg in the first run: none, the payer (too little money) or the payee (frozen).</summary>
    public static TheoryData<string> Refuser => new() { "none", "payer", "payee" };

    [Theory]
    [MemberData(nameof(Refuser))]
    public async Task EveryCallFailingInTurn_ThenResumingFromWhatWasStored_MovesTheMoneyOnceOrNotAtAll(string refuser)
    {
        for (var failCall = 1; failCall <= 4; failCall++)
        {
            var (legs, recorder) = Accounts(refuser);

            legs.FailCall = failCall;
            await Record.ExceptionAsync(() => MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance));
            legs.FailCall = 0;
            CanPayAndReceive(legs); // only a run that respects what was stored (a marker, a fence) stays right

            var outcome = recorder.Stored is { } stored
                ? await MovementProtocol.ResumeAsync(legs, stored, recorder, NullLogger.Instance)
                : recorder.Outcome!.Value;

            AssertMovedAsAnswered(legs, outcome, $"call {failCall} failed");
        }
    }

    [Theory]
    [MemberData(nameof(Refuser))]
    public async Task EveryWriteFailingInTurn_ThenResumingFromWhatWasStored_MovesTheMoneyOnceOrNotAtAll(string refuser)
    {
        for (var failWrite = 1; failWrite <= 3; failWrite++)
        {
            var (legs, recorder) = Accounts(refuser);

            recorder.FailWrite = failWrite;
            var failure = await Record.ExceptionAsync(() => MovementProtocol.StartAsync(legs, s_movement, recorder, NullLogger.Instance));
            recorder.FailWrite = 0;
            CanPayAndReceive(legs);
            if (recorder.Stored is null && recorder.Outcome is null)
            {
                // The intent itself failed: no money may have moved.
                Assert.NotNull(failure);
                Assert.Equal((OpeningFen, 0L), (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")));
                continue;
            }

            var outcome = recorder.Stored is { } stored
                ? await MovementProtocol.ResumeAsync(legs, stored, recorder, NullLogger.Instance)
                : recorder.Outcome!.Value;

            AssertMovedAsAnswered(legs, outcome, $"write {failWrite} failed");
        }
    }

    private static void AssertMovedAsAnswered(FakeLegs legs, MovementOutcome outcome, string what)
    {
        var moved = outcome.IsCompleted ? AmountFen : 0;
        Assert.True((OpeningFen - moved, moved) == (legs.Balances["payer"], legs.Balances.GetValueOrDefault("payee")),
            $"{what}: answered {outcome}, but payer {legs.Balances["payer"]} and payee {legs.Balances.GetValueOrDefault("payee")} fen");
    }

    private static (FakeLegs Legs, FakeRecorder Recorder) Accounts(string refuser = "none")
    {
        var legs = new FakeLegs();
        legs.Balances["payer"] = refuser == "payer" ? AmountFen - 1 : OpeningFen;
        if (refuser == "payee")
        {
            legs.RefusesCredits["payee"] = AccountResult.AccountFrozen;
        }

        return (legs, new FakeRecorder());
    }

    /// <summary>The payer has its opening balance again (nothing was debited, or the debit stands) and the payee receives.</summary>
    private static void CanPayAndReceive(FakeLegs legs)
    {
        legs.RefusesCredits.Clear();
        if (legs.Balances["payer"] == AmountFen - 1)
        {
            legs.Balances["payer"] = OpeningFen;
        }
    }
}
