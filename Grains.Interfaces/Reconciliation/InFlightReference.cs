using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>A transfer, trade or order whose debit was applied and whose credit or reversal was not yet.</summary>
[GenerateSerializer, Immutable, Alias("paysim.InFlightReference")]
public sealed record InFlightReference(string Reference, long AmountFen);
