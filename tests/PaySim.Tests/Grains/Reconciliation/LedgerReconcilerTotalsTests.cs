using PaySim.Grains.Interfaces;
using PaySim.Grains.Reconciliation;
using static PaySim.Tests.Grains.Reconciliation.LedgerReconcilerTests;

namespace PaySim.Tests.Grains.Reconciliation;

/// <summary>Ledgers are permanent: no history, however large, may make reconciliation overflow or round.</summary>
public sealed class LedgerReconcilerTotalsTests
{
    private const int AccountCount = 10_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TotalsBeyondLong_AreReportedExactly_AndTheBooksAgree()
    {
        var reconciler = new LedgerReconciler(Now, TimeSpan.FromMinutes(10));
        for (var index = 0; index < AccountCount; index++)
        {
            // Each account is filled to the balance limit, emptied and filled again.
            var account = $"账户{index}";
            reconciler.AddAccount(account, MoneyLimits.BalanceFenMax);
            reconciler.AddLine(account, "deposit:d1", Line(MovementKind.Deposit, MoneyLimits.BalanceFenMax, "deposit"));
            reconciler.AddLine(account, "withdrawal:w1", Line(MovementKind.Withdrawal, -MoneyLimits.BalanceFenMax, "withdrawal"));
            reconciler.AddLine(account, "deposit:d2", Line(MovementKind.Deposit, MoneyLimits.BalanceFenMax, "deposit"));
        }

        var report = reconciler.Finish();

        Assert.True(report.Ok, string.Join("; ", report.Differences));
        var total = (Int128)AccountCount * MoneyLimits.BalanceFenMax;
        Assert.True(total > long.MaxValue);
        Assert.Equal((total, 2 * total, total), (report.TotalBalanceFen, report.DepositedFen, report.WithdrawnFen));
    }

    [Fact]
    public void ABalanceDisagreeingWithALedgerBeyondLong_IsADifferenceStatingTheExactSum()
    {
        var reconciler = new LedgerReconciler(Now, TimeSpan.FromMinutes(10));
        reconciler.AddAccount("账户A", 0);
        reconciler.AddLine("账户A", "deposit:d1", Line(MovementKind.Deposit, long.MaxValue, "deposit"));
        reconciler.AddLine("账户A", "deposit:d2", Line(MovementKind.Deposit, long.MaxValue, "deposit"));

        var report = reconciler.Finish();

        Assert.False(report.Ok);
        Assert.Contains("account 账户A: balance 0 fen, ledger sums to 18446744073709551614 fen", report.Differences);
        Assert.Equal((Int128)long.MaxValue * 2, report.DepositedFen);
    }
}
