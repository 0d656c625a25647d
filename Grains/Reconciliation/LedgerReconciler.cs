using PaySim.Grains.Accounts;

using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Reconciliation;

/// <summary>
/// Checks the books from a scan of every account's balance and every ledger line: each balance equals the sum of its
/// ledger, no balance is negative, and the lines between accounts net out per reference (transfer, trade, order).
/// A reference whose debit has no credit yet is money in flight (an orchestration in progress or awaiting recovery),
/// reported apart: then total balances = deposits − withdrawals − in flight. A reference that credits more than it
/// debits created money and is a difference. Exact only on a quiet system: the scan is not one snapshot.
/// </summary>
public sealed class LedgerReconciler
{
    /// <summary>Most differences and in-flight references listed in a report; the counts are always complete.</summary>
    public const int ListedCountMax = 100;

    private readonly Dictionary<string, long> _balanceFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ledgerFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _netFenByReference = new(StringComparer.Ordinal);
    private long _depositedFen;
    private long _withdrawnFen;

    public void AddAccount(string account, long balanceFen) => _balanceFenByAccount[account] = balanceFen;

    public void AddLine(string account, LedgerLine line)
    {
        _ledgerFenByAccount[account] = checked(_ledgerFenByAccount.GetValueOrDefault(account) + line.AmountFen);
        if (line.IsExternal)
        {
            if (line.AmountFen > 0)
            {
                _depositedFen = checked(_depositedFen + line.AmountFen);
            }
            else
            {
                _withdrawnFen = checked(_withdrawnFen - line.AmountFen);
            }

            return;
        }

        var reference = line.Reference ?? "";
        _netFenByReference[reference] = checked(_netFenByReference.GetValueOrDefault(reference) + line.AmountFen);
    }

    public ReconciliationReport Finish()
    {
        var differences = new List<string>();
        foreach (var (account, balanceFen) in _balanceFenByAccount)
        {
            var ledgerFen = _ledgerFenByAccount.GetValueOrDefault(account);
            if (ledgerFen != balanceFen)
            {
                differences.Add($"account {account}: balance {balanceFen} fen, ledger sums to {ledgerFen} fen");
            }

            if (balanceFen < 0)
            {
                differences.Add($"account {account}: negative balance {balanceFen} fen");
            }
        }

        foreach (var (account, ledgerFen) in _ledgerFenByAccount)
        {
            if (!_balanceFenByAccount.ContainsKey(account))
            {
                differences.Add($"account {account}: ledger sums to {ledgerFen} fen but the account has no state");
            }
        }

        var inFlight = new List<InFlightReference>();
        foreach (var (reference, netFen) in _netFenByReference)
        {
            if (netFen > 0)
            {
                differences.Add($"reference {reference}: credits exceed debits by {netFen} fen");
            }
            else if (netFen < 0)
            {
                inFlight.Add(new InFlightReference(reference, -netFen));
            }
        }

        var totalBalanceFen = _balanceFenByAccount.Values.Sum();
        var inFlightFen = inFlight.Sum(reference => reference.AmountFen);
        if (totalBalanceFen != _depositedFen - _withdrawnFen - inFlightFen)
        {
            differences.Add($"total balance {totalBalanceFen} fen ≠ deposits {_depositedFen} − withdrawals {_withdrawnFen} − in flight {inFlightFen}");
        }

        return new ReconciliationReport(
            differences.Count == 0,
            _balanceFenByAccount.Count,
            totalBalanceFen,
            _depositedFen,
            _withdrawnFen,
            inFlightFen,
            differences.Count,
            [.. differences.Take(ListedCountMax)],
            inFlight.Count,
            [.. inFlight.Take(ListedCountMax)]);
    }
}
