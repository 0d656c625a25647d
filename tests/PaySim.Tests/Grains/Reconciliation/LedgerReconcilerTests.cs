using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Reconciliation;

namespace PaySim.Tests.Grains.Reconciliation;

/// <summary>
/// How the reconciler tells money in flight from money lost: 账户A got 1,000 fen in and sent 300 by transfer t1
/// (movement <c>transfer:t1:1</c>), whose credit to 账户B is not in the ledger.
/// </summary>
public sealed class LedgerReconcilerTests
{
    private const string Reference = "transfer:t1";
    private const string OperationId = "transfer:t1:1";
    private const string Owner = "transfer/t1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    [Fact]
    public void UnmatchedDebit_WithoutAnUnfinishedOwner_IsLostMoney_ADifference()
    {
        var report = ReconcileDebitOfT1();

        Assert.False(report.Ok);
        Assert.Equal((0, Int128.Zero, (Int128)300), (report.InFlightCount, report.InFlightFen, report.LostFen));
        var difference = Assert.Single(report.Differences);
        Assert.Contains($"movement {OperationId} (reference {Reference})", difference);
        Assert.Contains("no unfinished transfer, trade or order owns it", difference);
    }

    [Fact]
    public void UnmatchedDebit_OwnedByItsUnfinishedMovementYoungerThanTheBound_IsInFlight()
    {
        var startedAt = Now - TimeSpan.FromMinutes(2);

        var report = ReconcileDebitOfT1(new UnfinishedMovement(Owner, OperationId, Reference, startedAt));

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal(((Int128)300, Int128.Zero), (report.InFlightFen, report.LostFen));
        Assert.Equal(new InFlightReference(Reference, 300, Owner, startedAt, OperationId), Assert.Single(report.InFlight));
    }

    [Fact]
    public void UnmatchedDebit_OwnedByItsUnfinishedMovementExactlyAsOldAsTheBound_IsStillInFlight()
    {
        var report = ReconcileDebitOfT1(new UnfinishedMovement(Owner, OperationId, Reference, Now - Bound));

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal(1, report.InFlightCount);
    }

    [Fact]
    public void UnmatchedDebit_OwnedByItsUnfinishedMovementOlderThanTheBound_IsLostMoney_ADifferenceNamingTheOwner()
    {
        var report = ReconcileDebitOfT1(new UnfinishedMovement(Owner, OperationId, Reference, Now - Bound - TimeSpan.FromSeconds(1)));

        Assert.False(report.Ok);
        Assert.Equal((0, (Int128)300), (report.InFlightCount, report.LostFen));
        var difference = Assert.Single(report.Differences);
        Assert.Contains(OperationId, difference);
        Assert.Contains($"its owner {Owner} has been unfinished since", difference);
    }

    [Fact]
    public void UnmatchedDebit_WhoseOnlyYoungUnfinishedMovementIsAnotherAttemptOfTheSameReference_IsLostMoney()
    {
        var report = ReconcileDebitOfT1(new UnfinishedMovement(Owner, "transfer:t1:2", Reference, Now));

        Assert.False(report.Ok);
        Assert.Equal(0, report.InFlightCount);
        Assert.Equal((Int128)300, report.LostFen);
    }

    [Fact]
    public void UnfinishedOwner_WhoseDebitIsNotAppliedYet_IsNoDifference()
    {
        var reconciler = new LedgerReconciler(Now, Bound);
        reconciler.AddAccount("账户A", 1_000);
        reconciler.AddLine("账户A", "deposit:d1", Line(MovementKind.Deposit, 1_000, "deposit"));
        reconciler.AddUnfinishedMovement(new UnfinishedMovement(Owner, OperationId, Reference, Now - TimeSpan.FromDays(1)));

        var report = reconciler.Finish();

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal((0, Int128.Zero, Int128.Zero), (report.InFlightCount, report.InFlightFen, report.LostFen));
    }

    [Fact]
    public void CreditsExceedingDebits_AreADifference_EvenWithAYoungOwner()
    {
        var reconciler = new LedgerReconciler(Now, Bound);
        reconciler.AddAccount("账户B", 300);
        reconciler.AddLine("账户B", OperationId + ":in", Line(MovementKind.TransferIn, 300, Reference));
        reconciler.AddUnfinishedMovement(new UnfinishedMovement(Owner, OperationId, Reference, Now));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Contains(report.Differences, difference => difference.Contains("credits exceed debits by 300 fen", StringComparison.Ordinal));
    }

    [Fact]
    public void MatchedTransfer_NetsOut_WhateverItsOwner()
    {
        var reconciler = new LedgerReconciler(Now, Bound);
        foreach (var item in DebitOfT1())
        {
            reconciler.Add(item);
        }

        reconciler.Add(new AccountBalance("账户B", 300));
        reconciler.Add(new AccountLedgerLine("账户B", OperationId + ":in", Line(MovementKind.TransferIn, 300, Reference)));
        reconciler.Add(new UnfinishedMovement(Owner, OperationId, Reference, Now - TimeSpan.FromDays(1)));

        var report = reconciler.Finish();

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal((2, (Int128)1_000, Int128.Zero, Int128.Zero), (report.AccountCount, report.TotalBalanceFen, report.InFlightFen, report.LostFen));
    }

    [Theory]
    [InlineData("transfer:t1:1:out", "transfer:t1:1")]
    [InlineData("transfer:t1:out", "transfer:t1")]
    [InlineData("merchant-order:m1:o1:refund:r1:in", "merchant-order:m1:o1:refund:r1")]
    [InlineData("merchant-order:m1:o1:pay:1:reversal", "merchant-order:m1:o1:pay:1")]
    [InlineData("opening", "opening")]
    public void MovementId_IsTheEntryIdUpToItsLastColon(string entryId, string movementId) =>
        Assert.Equal(movementId, LedgerReconciler.MovementIdOf(entryId));

    private static ReconciliationReport ReconcileDebitOfT1(params UnfinishedMovement[] owners)
    {
        var reconciler = new LedgerReconciler(Now, Bound);
        foreach (var item in DebitOfT1().Concat(owners))
        {
            reconciler.Add(item);
        }

        return reconciler.Finish();
    }

    private static IEnumerable<LedgerSnapshotItem> DebitOfT1() =>
    [
        new AccountBalance("账户A", 700),
        new AccountBalance("账户B", 0),
        new AccountLedgerLine("账户A", "deposit:d1", Line(MovementKind.Deposit, 1_000, "deposit")),
        new AccountLedgerLine("账户A", OperationId + ":out", Line(MovementKind.TransferOut, -300, Reference)),
    ];

    internal static LedgerLine Line(MovementKind kind, long amountFen, string reference) =>
        new(kind, amountFen, null, reference, 0, Now);
}
