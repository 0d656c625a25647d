namespace PaySim.Grains.Reconciliation;

/// <summary>Reads the books from the store; the silo implements it over its store.</summary>
public interface IAccountLedgerReader
{
    /// <summary>
    /// Streams every opened account's balance, every ledger line and every unfinished orchestrator movement, all as
    /// of one moment: one snapshot of the store, so a write committed during the scan is wholly seen or wholly not.
    /// Accounts come first, then lines, then movements.
    /// </summary>
    IAsyncEnumerable<LedgerSnapshotItem> ReadSnapshotAsync(CancellationToken cancellationToken);
}
