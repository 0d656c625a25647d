using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// The outcome of a reconciliation; <paramref name="Ok"/> is true exactly when there are no differences.
/// <paramref name="InFlightFen"/> sums the debits an unfinished orchestrator owns (listed in <paramref name="InFlight"/>);
/// <paramref name="LostFen"/> sums the debits no credit matches and no young enough orchestrator owns, each also a
/// difference. New fields go at the end: Orleans numbers a record's fields by their position.
/// </summary>
[GenerateSerializer, Immutable, Alias("paysim.ReconciliationReport")]
public sealed record ReconciliationReport(
    bool Ok,
    int AccountCount,
    long TotalBalanceFen,
    long DepositedFen,
    long WithdrawnFen,
    long InFlightFen,
    int DifferenceCount,
    IReadOnlyList<string> Differences,
    int InFlightCount,
    IReadOnlyList<InFlightReference> InFlight,
    long LostFen);
