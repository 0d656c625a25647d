using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// The outcome of a reconciliation; <paramref name="Ok"/> is true exactly when there are no differences.
/// <paramref name="InFlightFen"/> sums the debits an unfinished orchestrator owns (listed in <paramref name="InFlight"/>);
/// <paramref name="LostFen"/> sums the debits no credit matches and no young enough orchestrator owns, each also a
/// difference. The totals are <see cref="Int128"/>: they sum all history, which can pass <see cref="long.MaxValue"/>
/// (about 9,200 accounts' worth of the balance limit cycled through deposits and withdrawals) and must still be exact.
/// Orleans writes an <see cref="Int128"/> that fits in a <see cref="long"/> exactly as a <see cref="long"/>, so a
/// reader built when these fields were <see cref="long"/> still reads every total it can hold.
/// New fields go at the end: Orleans numbers a record's fields by their position.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.ReconciliationReport")]
public sealed record ReconciliationReport(
    bool Ok,
    int AccountCount,
    Int128 TotalBalanceFen,
    Int128 DepositedFen,
    Int128 WithdrawnFen,
    Int128 InFlightFen,
    int DifferenceCount,
    IReadOnlyList<string> Differences,
    int InFlightCount,
    IReadOnlyList<InFlightReference> InFlight,
    Int128 LostFen);
