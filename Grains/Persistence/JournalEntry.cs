namespace PaySim.Grains.Persistence;

/// <summary>
/// An append-only record written atomically with a grain's state (for accounts: a ledger line).
/// <paramref name="EntryId"/> is unique per grain, which is what makes a retried operation recognisable.
/// <paramref name="Payload"/> is the grain's own JSON; the store keeps it and never interprets it.
/// </summary>
public sealed record JournalEntry(string EntryId, string Payload, DateTimeOffset Timestamp)
{
    /// <summary>Longest entry id accepted (it is part of a primary key).</summary>
    public const int EntryIdLengthMax = 300;
}
