using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Persistence;

namespace PaySim.Grains.Transfers;

/// <summary>
/// The stored request, progress and outcome of one transfer. No password is stored: it is checked before the intent is.
/// Not read at activation (<see cref="IDeferredReadState"/>): a transfer id is nearly always new.
/// </summary>
[GenerateSerializer, Alias("paysim.TransferGrainState")]
public sealed class TransferGrainState : IMovementState<TransferGrainState>, IDeferredReadState
{
    /// <summary>Null until the transfer was first started.</summary>
    [Id(0)]
    public string? Source { get; set; }

    [Id(1)]
    public string Target { get; set; } = "";

    [Id(2)]
    public long AmountFen { get; set; }

    [Id(3)]
    public TransferStatus Status { get; set; }

    /// <summary>The outcome returned to the client, and to a retry of the same request once it completed.</summary>
    [Id(4)]
    public TransferResult Result { get; set; }

    [Id(5)]
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Counts the attempts under this transfer id: a failed attempt leaves the id free, and each attempt has its own operation ids.</summary>
    [Id(6)]
    public int Attempt { get; set; }

    /// <summary>The movement while it is unfinished (<see cref="TransferStatus.Started"/>); null otherwise.</summary>
    [Id(7)]
    public Movement? InFlight { get; set; }

    public TransferGrainState Clone() => (TransferGrainState)MemberwiseClone();

    /// <summary>Starts attempt <paramref name="attempt"/> of <paramref name="request"/>; the runner stores it with the movement.</summary>
    internal void RecordIntent(TransferRequest request, int attempt, DateTimeOffset startedAt)
    {
        Source = request.Source;
        Target = request.Target;
        AmountFen = request.AmountFen;
        Status = TransferStatus.Started;
        Result = TransferResult.Ok;
        StartedAt = startedAt;
        Attempt = attempt;
    }
}
