using System.Text.Json;
using System.Text.Json.Serialization;
using PaySim.Grains.Accounts;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Storage;

namespace PaySim.Gateway.Reconciliation;

/// <summary>
/// Feeds the storage's scan of every account state and ledger line to <see cref="LedgerReconciler"/>. It reads
/// storage directly rather than through grains: asking each account grain would activate every account there is.
/// </summary>
public sealed class LedgerScan(IGrainStorage storage)
{
    private const string AccountGrainType = "account";
    private const string AccountStateName = "account";

    // Tolerant of how the runtime names and encodes state properties; only the fields the check needs are read.
    private static readonly JsonSerializerOptions s_stateOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken)
    {
        var reconciler = new LedgerReconciler();
        await foreach (var stored in storage.ReadAllStatesAsync(AccountGrainType, AccountStateName, cancellationToken))
        {
            if (stored.Record.Payload is null)
            {
                continue;
            }

            var account = JsonSerializer.Deserialize<AccountGrainState>(stored.Record.Payload, s_stateOptions);
            if (account?.PasswordHash is not null)
            {
                reconciler.AddAccount(stored.GrainKey, account.BalanceFen);
            }
        }

        await foreach (var stored in storage.ReadAllJournalEntriesAsync(AccountGrainType, cancellationToken))
        {
            reconciler.AddLine(stored.GrainKey, LedgerLine.FromJson(stored.Entry.Payload));
        }

        return reconciler.Finish();
    }
}
