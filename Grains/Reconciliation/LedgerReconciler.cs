using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Reconciliation;

/// <summary>
/// Checks the books from one snapshot of every account's balance, ledger line and unfinished orchestrator movement:
/// each balance equals the sum of its ledger, no balance is negative, and the lines between accounts net out per
/// movement (one attempt of a transfer, trade payment, order payment or refund; its lines' entry ids are its operation
/// id plus <c>:out</c>, <c>:in</c> or <c>:reversal</c>). Not per reference: a payment and its refunds share one
/// reference, and netting them together would let opposite errors cancel and let one young refund hide a lost debit.
/// A movement whose only line is its debit is money in flight only while its own stored unfinished movement (same
/// operation id) started at most the in-flight bound before <c>now</c>; then total balances = deposits − withdrawals −
/// in flight − lost. Any other movement whose debits exceed its credits is lost money, a difference; so is one that
/// credits more than it debits (created money). A zero line (a fence) counts as neither debit nor credit. An unfinished
/// movement without lines (its debit not applied yet) is no difference. Sums are <see cref="Int128"/>: ledgers are
/// permanent, and no history may make reconciliation overflow.
/// </summary>
public sealed class LedgerReconciler(DateTimeOffset now, TimeSpan inFlightAgeMax)
{
    /// <summary>Most differences and in-flight movements listed in a report; the counts are always complete.</summary>
    public const int ListedCountMax = 100;

    private readonly Dictionary<string, long> _balanceFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Int128> _ledgerFenByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MovementLines> _linesByMovement = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnfinishedMovement> _unfinishedByOperationId = new(StringComparer.Ordinal);
    private Int128 _depositedFen;
    private Int128 _withdrawnFen;

    /// <summary>The movement a ledger line belongs to: its journal entry id up to the last ':' (all of it if none).</summary>
    public static string MovementIdOf(string entryId)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        var legSeparator = entryId.LastIndexOf(':');
        return legSeparator < 0 ? entryId : entryId[..legSeparator];
    }

    public void Add(LedgerSnapshotItem item)
    {
        switch (item)
        {
            case AccountBalance account:
                AddAccount(account.Username, account.BalanceFen);
                break;
            case AccountLedgerLine line:
                AddLine(line.Username, line.EntryId, line.Line);
                break;
            case UnfinishedMovement movement:
                AddUnfinishedMovement(movement);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(item), item, "Unknown snapshot item.");
        }
    }

    public void AddAccount(string account, long balanceFen) => _balanceFenByAccount[account] = balanceFen;

    public void AddLine(string account, string entryId, LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Kind.IsVoided())
        {
            // A fence moves nothing, and may stand on an account never opened.
            return;
        }

        _ledgerFenByAccount[account] = _ledgerFenByAccount.GetValueOrDefault(account) + line.AmountFen;
        if (line.IsExternal)
        {
            if (line.AmountFen > 0)
            {
                _depositedFen += line.AmountFen;
            }
            else
            {
                _withdrawnFen -= line.AmountFen;
            }

            return;
        }

        var movementId = MovementIdOf(entryId);
        if (!_linesByMovement.TryGetValue(movementId, out var lines))
        {
            lines = new MovementLines();
            _linesByMovement[movementId] = lines;
        }

        lines.Add(line.AmountFen, line.Reference);
    }

    /// <summary>Records a stored unfinished movement; of two with one operation id (never expected) the younger counts.</summary>
    public void AddUnfinishedMovement(UnfinishedMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (!_unfinishedByOperationId.TryGetValue(movement.OperationId, out var known) || movement.StartedAt > known.StartedAt)
        {
            _unfinishedByOperationId[movement.OperationId] = movement;
        }
    }

    public ReconciliationReport Finish()
    {
        var differences = new List<string>();
        CheckAccounts(differences);

        var inFlight = new List<InFlightReference>();
        var lostFen = Int128.Zero;
        foreach (var (movementId, lines) in _linesByMovement)
        {
            lostFen += CheckMovement(movementId, lines, differences, inFlight);
        }

        var totalBalanceFen = _balanceFenByAccount.Values.Aggregate(Int128.Zero, (sum, balanceFen) => sum + balanceFen);
        var inFlightFen = inFlight.Aggregate(Int128.Zero, (sum, movement) => sum + movement.AmountFen);
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

    /// <summary>Checks one movement's lines; returns the money it lost (0 when it nets out or is in flight).</summary>
    private Int128 CheckMovement(string movementId, MovementLines lines, List<string> differences, List<InFlightReference> inFlight)
    {
        var name = $"movement {movementId} (reference {lines.Reference})";
        if (lines.NetFen > 0)
        {
            differences.Add($"{name}: credits exceed debits by {lines.NetFen} fen");
            return 0;
        }

        if (lines.NetFen == 0)
        {
            return 0;
        }

        var unmatchedFen = -lines.NetFen;
        var owner = _unfinishedByOperationId.GetValueOrDefault(movementId);
        var ownerIsYoung = owner is not null && now - owner.StartedAt <= inFlightAgeMax;
        if (ownerIsYoung && lines.IsLoneDebit)
        {
            // One debit line: its amount is a long, so the cast is exact.
            inFlight.Add(new InFlightReference(lines.Reference, (long)unmatchedFen, owner!.Owner, owner.StartedAt, movementId));
            return 0;
        }

        differences.Add(owner is null
            ? $"{name}: debits exceed credits by {unmatchedFen} fen and no unfinished transfer, trade or order owns it"
            : ownerIsYoung
                ? $"{name}: debits exceed credits by {unmatchedFen} fen in {lines.DebitCount} debit and {lines.CreditCount} "
                    + $"credit lines, not one debit awaiting its credit, though its owner {owner.Owner} is unfinished"
                : $"{name}: debits exceed credits by {unmatchedFen} fen and its owner {owner.Owner} has been unfinished "
                    + $"since {owner.StartedAt:O}, longer than the in-flight bound {inFlightAgeMax}");
        return unmatchedFen;
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
