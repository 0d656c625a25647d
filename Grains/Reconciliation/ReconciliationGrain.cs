using Orleans;
using Orleans.Concurrency;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Reconciliation;

/// <summary>Runs a reconciliation on whichever silo receives the call; it holds no state of its own.</summary>
[StatelessWorker(1)]
[GrainType("reconciliation")]
public sealed class ReconciliationGrain(IAccountLedgerReader ledger) : Grain, IReconciliationGrain
{
    public async Task<ReconciliationReport> RunAsync()
    {
        var reconciler = new LedgerReconciler();
        await foreach (var (username, balanceFen) in ledger.ReadBalancesAsync(CancellationToken.None))
        {
            reconciler.AddAccount(username, balanceFen);
        }

        await foreach (var (username, line) in ledger.ReadLedgerLinesAsync(CancellationToken.None))
        {
            reconciler.AddLine(username, line);
        }

        return reconciler.Finish();
    }
}
