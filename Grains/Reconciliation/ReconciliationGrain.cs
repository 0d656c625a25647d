using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Reconciliation;

/// <summary>Runs a reconciliation on whichever silo receives the call; it holds no state of its own.</summary>
[StatelessWorker(1)]
[GrainType("reconciliation")]
public sealed class ReconciliationGrain(
    IAccountLedgerReader ledger,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions) : Grain, IReconciliationGrain
{
    public async Task<ReconciliationReport> RunAsync()
    {
        // The clock is read just before the snapshot begins, so owners' ages are measured at the snapshot's moment,
        // not a long scan later.
        var reconciler = new LedgerReconciler(timeProvider.GetUtcNow(), recoveryOptions.Value.InFlightAgeBound);
        await foreach (var item in ledger.ReadSnapshotAsync(CancellationToken.None))
        {
            reconciler.Add(item);
        }

        return reconciler.Finish();
    }
}
