using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Reconciliation;

/// <summary>
/// Checks the books from one snapshot of every account's balance, ledger line and unfinished orchestrator movement:
/// each balance equals the sum of its ledger, no balance is negative, and the lines between accounts net out per
/// reference (transfer, trade, order). A reference whose debits exceed its credits is money in flight only while an
/// unfinished orchestrator owns it (its stored movement has that reference) and started at most the in-flight bound
/// before <c>now</c>; then total balances = deposits − withdrawals − in flight. Without such an owner the debit is
/// lost money, a difference; so is a reference that credits more than it debits (created money). An unfinished owner
/// without unmatched lines (its debit not applied yet) is no difference.
/// </summary>
public sealed class LedgerReconciler(DateTimeOffset now, TimeSpan inFlightAgeMax)
{
    /// <summary>Most differences and in-flight references listed in a report; the counts are always complete.</summary>
    public const int ListedCountMax = 100;

    private readonly Dictionary<string, long> _balanceFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ledgerFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _netFenByReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnfinishedMovement> _ownerByReference = new(StringComparer.Ordinal);
    private long _depositedFen;
    private long _withdrawnFen;

    public void Add(LedgerSnapshotItem item)
    {
        switch (item)
        {
            case AccountBalance account:
                AddAccount(account.Username, account.BalanceFen);
                break;
            case AccountLedgerLine line:
                AddLine(line.Username, line.Line);
                break;
            case UnfinishedMovement movement:
                AddUnfinishedMovement(movement);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(item), item, "Unknown snapshot item.");
        }
    }

    public void AddAccount(string account, long balanceFen) => _balanceFenByAccount[account] = balanceFen;

    public void AddLine(string account, LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Kind == MovementKind.VoidedCredit)
        {
            // A fence moves nothing, and may stand on an account never opened.
            return;
        }

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

    /// <summary>Records an owner; of two owners of one reference (never expected) the younger counts.</summary>
    public void AddUnfinishedMovement(UnfinishedMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (!_ownerByReference.TryGetValue(movement.Reference, out var known) || movement.StartedAt > known.StartedAt)
        {
            _ownerByReference[movement.Reference] = movement;
        }
    }

    public ReconciliationReport Finish()
    {
        var differences = new List<string>();
        CheckAccounts(differences);

        var inFlight = new List<InFlightReference>();
        long lostFen = 0;
        foreach (var (reference, netFen) in _netFenByReference)
        {
            if (netFen > 0)
            {
                differences.Add($"reference {reference}: credits exceed debits by {netFen} fen");
            }
            else if (netFen < 0)
            {
                var owner = _ownerByReference.GetValueOrDefault(reference);
                if (owner is not null && now - owner.StartedAt <= inFlightAgeMax)
                {
                    inFlight.Add(new InFlightReference(reference, -netFen, owner.Owner, owner.StartedAt));
                    continue;
                }

                lostFen = checked(lostFen - netFen);
                differences.Add(owner is null
                    ? $"reference {reference}: debits exceed credits by {-netFen} fen and no unfinished transfer, trade or order owns it"
                    : $"reference {reference}: debits exceed credits by {-netFen} fen and its owner {owner.Owner} has been unfinished "
                        + $"since {owner.StartedAt:O}, longer than the in-flight bound {inFlightAgeMax}");
            }
        }

        var totalBalanceFen = _balanceFenByAccount.Values.Sum();
        var inFlightFen = inFlight.Sum(reference => reference.AmountFen);
        if (totalBalanceFen != _depositedFen - _withdrawnFen - inFlightFen - lostFen)
        {
            differences.Add($"total balance {totalBalanceFen} fen ≠ deposits {_depositedFen} − withdrawals {_withdrawnFen} "
                + $"− in flight {inFlightFen} − lost {lostFen}");
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
            [.. inFlight.Take(ListedCountMax)],
            lostFen);
    }

    private void CheckAccounts(List<string> differences)
    {
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
    }
}
