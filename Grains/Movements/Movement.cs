using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>
/// One movement of money between two accounts, as the orchestrating grain (transfer, trade, merchant order) stores
/// it from the intent until the outcome: <see cref="From"/> is debited, <see cref="To"/> credited, and a credit
/// <see cref="To"/> refuses is reversed on <see cref="From"/>. Every orchestrator state holds it in a property named
/// <c>InFlight</c>, null when nothing is moving; reconciliation reads that property to tell money in flight from
/// money lost. Each flow builds it; <see cref="MovementProtocol"/> runs it.
/// </summary>
/// <param name="Flow">Which flow this is; names the crash points and the log lines.</param>
/// <param name="OperationId">Unique per movement and attempt (<see cref="MovementIds"/>); the account operation ids are it plus ":out", ":in", ":reversal".</param>
/// <param name="Reference">The ledger reference of all three lines (the transfer, trade or order).</param>
/// <param name="StartedAt">When the intent was stored; reconciliation counts a debit as in flight only for a bounded time after it.</param>
/// <param name="Step">How far the movement has got that a resumed run must respect.</param>
/// <param name="Refusal">While <see cref="MovementStep.Reversing"/>: why <see cref="To"/> refused the credit.</param>
[GenerateSerializer, Immutable, Alias("paysim.Movement")]
public sealed record Movement(
    [property: Id(0)] MovementFlow Flow,
    [property: Id(1)] string OperationId,
    [property: Id(2)] string Reference,
    [property: Id(3)] string From,
    [property: Id(4)] string To,
    [property: Id(5)] long AmountFen,
    [property: Id(6)] MovementKind DebitKind,
    [property: Id(7)] MovementKind CreditKind,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] MovementStep Step = MovementStep.Started,
    [property: Id(10)] AccountResult Refusal = AccountResult.Ok)
{
    /// <summary>The debit of <see cref="From"/>.</summary>
    public AccountMovement Debit(bool mayBeRetry) => Leg(MovementIds.DebitLeg, DebitKind, To, mayBeRetry);

    /// <summary>The credit of <see cref="To"/>; the fence names it exactly, so that an applied credit is recognised.</summary>
    public AccountMovement Credit(bool mayBeRetry) => Leg(MovementIds.CreditLeg, CreditKind, From, mayBeRetry);

    /// <summary>Gives <see cref="From"/> its debit back after <see cref="To"/> refused the credit.</summary>
    public AccountMovement Reversal() => Leg(MovementIds.ReversalLeg, MovementKind.Reversal, To, mayBeRetry: true);

    private AccountMovement Leg(string leg, MovementKind kind, string counterparty, bool mayBeRetry) =>
        new(MovementIds.Leg(OperationId, leg), kind, AmountFen, counterparty, Reference, Password: null, mayBeRetry);
}
