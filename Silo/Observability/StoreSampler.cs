using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Silo.Persistence;
using PaySim.Silo.Reconciliation;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Observability;

/// <summary>
/// Reads a <see cref="StoreSample"/>: the unfinished movements the orchestrators store (the rows reconciliation reads,
/// filtered by the store on their in-flight marker, so only those rows travel) and the reminder table. Both are small
/// in a healthy cluster: a movement is unfinished for milliseconds, and a reminder lives until its work is done.
/// </summary>
internal sealed class StoreSampler(IStorageProvider store, bool documentsInOrleansStorage, TimeProvider timeProvider)
{
    /// <summary>
    /// Reminder names become a tag; grains name them with constants, but a cap keeps a stray name from making series
    /// without end. Names past it are counted as <see cref="OtherReminders"/>.
    /// </summary>
    private const int ReminderNamesMax = 16;

    private const string OtherReminders = "other";

    public async Task<StoreSample> ReadAsync(CancellationToken cancellationToken)
    {
        var takenAt = Environment.TickCount64;
        var (count, fen, oldest) = await ReadInFlightAsync(cancellationToken).ConfigureAwait(false);
        var reminders = await store.ReminderStore.ReadByHashRangeAsync(0, 0, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        // The names the alerts in docs/operations.md watch are reported at 0 too, so their series exist before any tick.
        Dictionary<string, long> stored = new(StringComparer.Ordinal) { [RecoveryReminder.Name] = 0, [MerchantNotificationGrain.BackstopReminder] = 0 };
        Dictionary<string, long> due = new(stored, StringComparer.Ordinal);
        foreach (var reminder in reminders)
        {
            var name = stored.ContainsKey(reminder.ReminderName) || stored.Count < ReminderNamesMax ? reminder.ReminderName : OtherReminders;
            stored[name] = stored.GetValueOrDefault(name) + 1;
            due[name] = due.GetValueOrDefault(name) + (reminder.StartAt <= now ? 1 : 0);
        }

        return new StoreSample(count, fen, oldest, stored, due, takenAt);
    }

    private async Task<(long Count, long Fen, DateTimeOffset? Oldest)> ReadInFlightAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        long fen = 0;
        DateTimeOffset? oldest = null;
        await using var snapshot = await store.GrainStateStore.OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (grainType, stateName) in StoreAccountLedgerReader.Orchestrators)
        {
            var rows = documentsInOrleansStorage
                ? snapshot.ReadOrleansStorageStatesContainingAsync(stateName, StoreAccountLedgerReader.InFlightMarker, cancellationToken)
                : snapshot.ReadStatesContainingAsync(grainType, stateName, StoreAccountLedgerReader.InFlightMarker, cancellationToken);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.Record.Payload is not { } payload || StateJson.Deserialize<OrchestratorState>(payload)?.InFlight is not { } movement)
                {
                    continue;
                }

                count++;
                fen += movement.AmountFen;
                oldest = oldest is null || movement.StartedAt < oldest ? movement.StartedAt : oldest;
            }
        }

        return (count, fen, oldest);
    }

    /// <summary>The part of any orchestrator state the sample reads.</summary>
    private sealed record OrchestratorState(MovementHead? InFlight);

    /// <summary>The part of a stored <see cref="Grains.Movements.Movement"/> the sample reads.</summary>
    private sealed record MovementHead(long AmountFen, DateTimeOffset StartedAt);
}
