using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>The outcome of a reconciliation; <paramref name="Ok"/> is true exactly when there are no differences.</summary>
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
    IReadOnlyList<InFlightReference> InFlight);

