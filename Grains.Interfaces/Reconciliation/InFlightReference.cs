using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// A transfer, trade or order whose debit was applied and whose credit or reversal was not yet, owned by an unfinished
/// orchestrator (<paramref name="Owner"/>, e.g. <c>transfer/t-42</c>) that started at <paramref name="StartedAt"/>,
/// less than the in-flight bound ago.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.InFlightReference")]
public sealed record InFlightReference(string Reference, long AmountFen, string Owner, DateTimeOffset StartedAt);
