namespace PaySim.Silo.Observability;

/// <summary>
/// One read of what the store holds for the cluster as a whole, behind the store gauges.
/// </summary>
/// <param name="InFlightCount">Orchestrators (transfers, trades, merchant orders) with a movement stored as unfinished.</param>
/// <param name="InFlightFen">The sum of those movements' amounts: money debited or about to be, not yet credited or given back.</param>
/// <param name="OldestStartedAt">When the oldest of them stored its intent; null when none is unfinished.</param>
/// <param name="RemindersByName">Stored reminders, by reminder name.</param>
/// <param name="DueRemindersByName">Of those, the ones whose first tick is past: work that should have happened already.</param>
/// <param name="TakenAt">When the read began, on the silo's clock (<c>Environment.TickCount64</c>, milliseconds).</param>
internal sealed record StoreSample(
    long InFlightCount,
    long InFlightFen,
    DateTimeOffset? OldestStartedAt,
    IReadOnlyDictionary<string, long> RemindersByName,
    IReadOnlyDictionary<string, long> DueRemindersByName,
    long TakenAt);
