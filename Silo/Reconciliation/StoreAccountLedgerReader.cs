using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using PaySim.Grains.Accounts;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Reconciliation;

/// <summary>Streams account rows and ledger lines straight from the store, for reconciliation.</summary>
internal sealed class StoreAccountLedgerReader(IStorageProvider store) : IAccountLedgerReader
{
    private const string AccountGrainType = "account";
    private const string AccountStateName = "account";

    // Tolerant of how states are named and encoded; only the fields the check needs are read.
    private static readonly JsonSerializerOptions s_stateOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async IAsyncEnumerable<(string Username, long BalanceFen)> ReadBalancesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in store.GrainStateStore.ReadAllStatesAsync(AccountGrainType, AccountStateName, cancellationToken))
        {
            if (stored.Record.Payload is { } payload
                && JsonSerializer.Deserialize<AccountGrainState>(payload, s_stateOptions) is { PasswordHash: not null } account)
            {
                yield return (stored.GrainKey, account.BalanceFen);
            }
        }
    }

    public async IAsyncEnumerable<(string Username, LedgerLine Line)> ReadLedgerLinesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in store.GrainStateStore.ReadAllJournalEntriesAsync(AccountGrainType, cancellationToken))
        {
            yield return (stored.GrainKey, LedgerLine.FromJson(stored.Entry.Payload));
        }
    }
}
