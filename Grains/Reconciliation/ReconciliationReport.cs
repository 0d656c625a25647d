namespace PaySim.Grains.Reconciliation;

/// <summary>The outcome of a reconciliation; <paramref name="Ok"/> is true exactly when there are no differences.</summary>
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

