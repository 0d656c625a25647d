using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// A movement (one attempt of a transfer, trade payment, order payment or refund) whose debit was applied and whose
/// credit or reversal was not yet, owned by an unfinished orchestrator (<paramref name="Owner"/>, e.g.
/// <c>transfer/t-42</c>) that started it at <paramref name="StartedAt"/>, less than the in-flight bound ago.
/// <paramref name="Reference"/> is the ledger reference its lines carry (shared by every movement of one transfer, trade
/// or order); <paramref name="OperationId"/> names the movement itself: its ledger lines' operation ids are it plus
/// <c>:out</c>, <c>:in</c> or <c>:reversal</c>. New fields go at the end: Orleans numbers a record's fields by position.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.InFlightReference")]
public sealed record InFlightReference(string Reference, long AmountFen, string Owner, DateTimeOffset StartedAt, string OperationId);
