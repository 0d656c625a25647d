namespace PaySim.Grains.Reconciliation;

/// <summary>A transfer, trade or order whose debit was applied and whose credit or reversal was not yet.</summary>
public sealed record InFlightReference(string Reference, long AmountFen);
