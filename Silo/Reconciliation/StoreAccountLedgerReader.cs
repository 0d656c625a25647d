using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PaySim.Grains.Accounts;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Reconciliation;

/// <summary>
/// Streams the books straight from one snapshot of the store: account rows, ledger lines, then the movements the
/// orchestrating grains store as unfinished (their state's <c>InFlight</c>, null once finished). Orchestrator documents
/// live in the store's <c>grain_state</c>, or with <c>PaySim:Storage:DocumentStore=AdoNet</c> in Orleans'
/// <c>OrleansStorage</c> table of the same PostgreSQL database; either way the snapshot covers them.
/// </summary>
internal sealed class StoreAccountLedgerReader(IStorageProvider store, IOptions<StorageOptions> storageOptions) : IAccountLedgerReader
{
    private const string AccountGrainType = "account";
    private const string AccountStateName = "account";

    /// <summary>
    /// Only unfinished orchestrators carry this text (StateJson writes no whitespace; a finished one has
    /// <c>"InFlight":null</c>), so the store filters the rows and only those are parsed.
    /// </summary>
    internal const string InFlightMarker = "\"InFlight\":{";

    /// <summary>Every orchestrating grain: its <c>[GrainType]</c> and the name of its <c>[PersistentState]</c>.</summary>
    internal static readonly IReadOnlyList<(string GrainType, string StateName)> Orchestrators =
    [
        ("transfer", "transfer"),
        ("trade", "trade"),
        ("merchantorder", "order"),
    ];

    // Tolerant of how states are named and encoded; only the fields the check needs are read.
    private static readonly JsonSerializerOptions s_stateOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async IAsyncEnumerable<LedgerSnapshotItem> ReadSnapshotAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var snapshot = await store.GrainStateStore.OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var stored in snapshot.ReadAllStatesAsync(AccountGrainType, AccountStateName, cancellationToken).ConfigureAwait(false))
        {
            if (stored.Record.Payload is { } payload
                && JsonSerializer.Deserialize<AccountGrainState>(payload, s_stateOptions) is { PasswordHash: not null } account)
            {
                yield return new AccountBalance(stored.GrainKey, account.BalanceFen);
            }
        }

        await foreach (var stored in snapshot.ReadAllJournalEntriesAsync(AccountGrainType, cancellationToken).ConfigureAwait(false))
        {
            yield return new AccountLedgerLine(stored.GrainKey, stored.Entry.EntryId, LedgerLine.FromJson(stored.Entry.Payload));
        }

        var inOrleansStorage = storageOptions.Value.DocumentStore == DocumentStoreKind.AdoNet;
        foreach (var (grainType, stateName) in Orchestrators)
        {
            var rows = inOrleansStorage
                ? snapshot.ReadOrleansStorageStatesContainingAsync(stateName, InFlightMarker, cancellationToken)
                : snapshot.ReadStatesContainingAsync(grainType, stateName, InFlightMarker, cancellationToken);
            await foreach (var stored in rows.ConfigureAwait(false))
            {
                if (ReadInFlight(new StoredGrainId(grainType, stored.GrainKey), stored.Record.Payload) is { } movement)
                {
                    yield return movement;
                }
            }
        }
    }

    /// <summary>The row's unfinished movement; null when the marker matched text other than a stored movement.</summary>
    private static UnfinishedMovement? ReadInFlight(StoredGrainId owner, string? payload)
    {
        var state = payload is null ? null : StateJson.Deserialize<OrchestratorState>(payload);
        if (state?.InFlight is not { } inFlight)
        {
            return null;
        }

        if (string.IsNullOrEmpty(inFlight.OperationId))
        {
            throw new InvalidDataException($"The unfinished movement stored by {owner} has no operation id.");
        }

        return string.IsNullOrEmpty(inFlight.Reference)
            ? throw new InvalidDataException($"The unfinished movement stored by {owner} has no reference.")
            : new UnfinishedMovement(owner.ToString(), inFlight.OperationId, inFlight.Reference, inFlight.StartedAt);
    }

    /// <summary>The part of any orchestrator state that reconciliation reads.</summary>
    private sealed record OrchestratorState(MovementHead? InFlight);

    /// <summary>The part of a stored <see cref="Grains.Movements.Movement"/> that reconciliation reads.</summary>
    private sealed record MovementHead(string? OperationId, string? Reference, DateTimeOffset StartedAt);
}
