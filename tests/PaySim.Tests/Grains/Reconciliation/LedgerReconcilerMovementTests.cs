using PaySim.Grains.Interfaces;
using PaySim.Grains.Reconciliation;
using static PaySim.Tests.Grains.Reconciliation.LedgerReconcilerTests;

namespace PaySim.Tests.Grains.Reconciliation;

/// <summary>
/// Lines net per movement, not per reference: merchant order o1 of 商户M (reference <c>merchant-order:m1:o1</c>) was
/// paid by 账户A with 500 fen (movement <c>…:pay:1</c>) and refunded 200 (movement <c>…:refund:r1:1</c>).
/// </summary>
public sealed class LedgerReconcilerMovementTests
{
    private const string Reference = "merchant-order:m1:o1";
    private const string Payment = Reference + ":pay:1";
    private const string Refund = Reference + ":refund:r1:1";

    /// <summary>Stands for the zero-amount fence kind about to be appended to <see cref="MovementKind"/>.</summary>
    private const MovementKind Fence = (MovementKind)100;

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    [Fact]
    public void LostPaymentCredit_BesideAYoungRefundInFlightOfTheSameOrder_IsLostMoney()
    {
        var reconciler = Opened(payerFen: 500, merchantFen: 0);
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("商户M", Refund + ":out", Line(MovementKind.RefundOut, -200, Reference));
        reconciler.AddUnfinishedMovement(new UnfinishedMovement("merchantorder/m1:o1", Refund, Reference, Now - TimeSpan.FromMinutes(1)));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Equal(((Int128)200, (Int128)500), (report.InFlightFen, report.LostFen));
        Assert.Equal(Refund, Assert.Single(report.InFlight).OperationId);
        var difference = Assert.Single(report.Differences);
        Assert.Contains($"movement {Payment} (reference {Reference}): debits exceed credits by 500 fen", difference);
    }

    [Fact]
    public void LostPaymentCredit_AndARefundCreditWithoutDebit_DoNotCancelOut()
    {
        var reconciler = Opened(payerFen: 1_000, merchantFen: 200);
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("账户A", Refund + ":in", Line(MovementKind.RefundIn, 500, Reference));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Equal((Int128)500, report.LostFen);
        Assert.Contains(report.Differences, difference => difference.StartsWith($"movement {Payment} ", StringComparison.Ordinal));
        Assert.Contains($"movement {Refund} (reference {Reference}): credits exceed debits by 500 fen", report.Differences);
    }

    [Fact]
    public void DebitPartlyCredited_IsLostMoney_EvenWithAYoungOwner()
    {
        var reconciler = Opened(payerFen: 500, merchantFen: 300);
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("商户M", Payment + ":in", Line(MovementKind.PaymentIn, 100, Reference));
        reconciler.AddUnfinishedMovement(new UnfinishedMovement("merchantorder/m1:o1", Payment, Reference, Now));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Equal((0, (Int128)400), (report.InFlightCount, report.LostFen));
        Assert.Contains("not one debit awaiting its credit", Assert.Single(report.Differences));
    }

    [Fact]
    public void Fence_WithNoOtherLine_OrBesideADebitGivenBack_IsNoDifference()
    {
        var reconciler = Opened(payerFen: 1_000, merchantFen: 200);
        reconciler.AddLine("商户M", Refund + ":in", Line(Fence, 0, Reference));
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("商户M", Payment + ":in", Line(Fence, 0, Reference));
        reconciler.AddLine("账户A", Payment + ":reversal", Line(MovementKind.Reversal, 500, Reference));

        var report = reconciler.Finish();

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal((0, Int128.Zero), (report.InFlightCount, report.LostFen));
    }

    [Fact]
    public void Fence_BesideAnUnmatchedDebit_HidesNoLostMoney()
    {
        var reconciler = Opened(payerFen: 500, merchantFen: 200);
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("商户M", Payment + ":in", Line(Fence, 0, Reference));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Equal((Int128)500, report.LostFen);
        Assert.Contains($"movement {Payment} (reference {Reference}): debits exceed credits by 500 fen", Assert.Single(report.Differences));
    }

    [Fact]
    public void Fence_BesideAYoungOwnersDebit_LeavesItInFlight()
    {
        var reconciler = Opened(payerFen: 500, merchantFen: 200);
        reconciler.AddLine("账户A", Payment + ":out", Line(MovementKind.PaymentOut, -500, Reference));
        reconciler.AddLine("商户M", Payment + ":in", Line(Fence, 0, Reference));
        reconciler.AddUnfinishedMovement(new UnfinishedMovement("merchantorder/m1:o1", Payment, Reference, Now));

        var report = reconciler.Finish();

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal(new InFlightReference(Reference, 500, "merchantorder/m1:o1", Now, Payment), Assert.Single(report.InFlight));
    }

    /// <summary>账户A got 1,000 fen in and 商户M 200; their balances are as given.</summary>
    private static LedgerReconciler Opened(long payerFen, long merchantFen)
    {
        var reconciler = new LedgerReconciler(Now, Bound);
        reconciler.AddAccount("账户A", payerFen);
        reconciler.AddAccount("商户M", merchantFen);
        reconciler.AddLine("账户A", "deposit:d1", Line(MovementKind.Deposit, 1_000, "deposit"));
        reconciler.AddLine("商户M", "deposit:d2", Line(MovementKind.Deposit, 200, "deposit"));
        return reconciler;
    }
}
