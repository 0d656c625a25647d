using PaySim.Grains.Accounts;

namespace PaySim.Grains.Reconciliation;

/// <summary>Reads every stored account balance and ledger line; the silo implements it over its store.</summary>
public interface IAccountLedgerReader
{
    /// <summary>Every opened account with its stored balance.</summary>
    IAsyncEnumerable<(string Username, long BalanceFen)> ReadBalancesAsync(CancellationToken cancellationToken);

    /// <summary>Every stored ledger line, by account.</summary>
    IAsyncEnumerable<(string Username, LedgerLine Line)> ReadLedgerLinesAsync(CancellationToken cancellationToken);
}
