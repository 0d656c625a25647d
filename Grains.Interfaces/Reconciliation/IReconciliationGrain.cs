using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>Checks the books (对账): every balance against its ledger, and all money against deposits and withdrawals.</summary>
[Alias("paysim.IReconciliationGrain")]
public interface IReconciliationGrain : IGrainWithIntegerKey
{
    /// <summary>Scans every account and ledger line in the store and reports differences and money in flight.</summary>
    Task<ReconciliationReport> RunAsync();
}
