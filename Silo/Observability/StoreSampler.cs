using PaySim.Grains.Merchant;
using PaySim.Grains.Movements;
using PaySim.Silo.Persistence;
using PaySim.Silo.Reconciliation;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Observability;

/// <summary>
/// Reads a <see cref="StoreSample"/>: the unfinished movements the orchestrators store (the rows the store marked as
/// holding a movement in flight, read through the mark's index, so neither the rows of finished transfers nor their
/// text are read) and the reminder table. Both are small in a healthy cluster: a movement is unfinished for
/// milliseconds, and a reminder lives until its work is done.
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
        var inFlight = await ReadInFlightAsync(cancellationToken).ConfigureAwait(false);
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

        return new StoreSample(inFlight.Count, inFlight.Fen, inFlight.Oldest, stored, due, takenAt);
    }

    /// <summary>
    /// PaySim's store lists the rows it marked as holding a movement in flight through their index, however many rows
    /// it holds; Orleans' stock storage marks nothing, so its documents are scanned for the in-flight text.
    /// </summary>
    private async Task<InFlightTotals> ReadInFlightAsync(CancellationToken cancellationToken)
    {
        var totals = new InFlightTotals();
        if (!documentsInOrleansStorage)
        {
            foreach (var marked in await store.GrainStateStore.ReadStatesInFlightAsync(cancellationToken).ConfigureAwait(false))
            {
                if (StoreAccountLedgerReader.Orchestrators.Contains((marked.GrainId.Type, marked.StateName)))
                {
                    totals.Add(marked.Payload);
                }
            }

            return totals;
        }

        await using var snapshot = await store.GrainStateStore.OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (_, stateName) in StoreAccountLedgerReader.Orchestrators)
        {
            await foreach (var row in snapshot.ReadOrleansStorageStatesContainingAsync(stateName, StoreAccountLedgerReader.InFlightMarker, cancellationToken).ConfigureAwait(false))
            {
                totals.Add(row.Record.Payload);
            }
        }

        return totals;
    }

    /// <summary>What the stored movements in flight add up to.</summary>
    private sealed class InFlightTotals
    {
        public long Count { get; private set; }

        public long Fen { get; private set; }

        public DateTimeOffset? Oldest { get; private set; }

        public void Add(string? payload)
        {
            if (payload is null || StateJson.Deserialize<OrchestratorState>(payload)?.InFlight is not { } movement)
            {
                return;
            }

            Count++;
            Fen += movement.AmountFen;
            Oldest = Oldest is null || movement.StartedAt < Oldest ? movement.StartedAt : Oldest;
        }
    }

    /// <summary>The part of any orchestrator state the sample reads.</summary>
    private sealed record OrchestratorState(MovementHead? InFlight);

    /// <summary>The part of a stored <see cref="Grains.Movements.Movement"/> the sample reads.</summary>
    private sealed record MovementHead(long AmountFen, DateTimeOffset StartedAt);
}
