using PaySim.Grains.Accounts;

namespace PaySim.Grains.Reconciliation;

/// <summary>One row of a snapshot of the books, as <see cref="IAccountLedgerReader"/> streams it.</summary>
public abstract record LedgerSnapshotItem;

/// <summary>An opened account and its stored balance.</summary>
public sealed record AccountBalance(string Username, long BalanceFen) : LedgerSnapshotItem;

/// <summary>
/// One stored ledger line of an account. <paramref name="EntryId"/> is the id of the journal entry that holds it: for a
/// line between accounts, the movement's operation id plus <c>:out</c>, <c>:in</c> or <c>:reversal</c>.
/// </summary>
public sealed record AccountLedgerLine(string Username, string EntryId, LedgerLine Line) : LedgerSnapshotItem;

/// <summary>
/// A movement an orchestrating grain stored as unfinished (its state's <c>InFlight</c>): its ledger lines may not net
/// out yet. <paramref name="Owner"/> names the grain (e.g. <c>transfer/t-42</c>); <paramref name="OperationId"/> the
/// movement, as its ledger lines' entry ids do.
/// </summary>
public sealed record UnfinishedMovement(string Owner, string OperationId, string Reference, DateTimeOffset StartedAt) : LedgerSnapshotItem;
