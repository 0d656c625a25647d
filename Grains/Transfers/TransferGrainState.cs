using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Transfers;

/// <summary>The stored intent and outcome of one transfer. No password is stored: it is checked before the intent is.</summary>
[GenerateSerializer, Alias("paysim.TransferGrainState")]
public sealed class TransferGrainState
{
    /// <summary>Null until the transfer was started.</summary>
    [Id(0)]
    public string? Source { get; set; }

    [Id(1)]
    public string Target { get; set; } = "";

    [Id(2)]
    public long AmountFen { get; set; }

    [Id(3)]
    public TransferStatus Status { get; set; }

    /// <summary>The outcome returned to the client (and to a retry of the same request); the refusal while reversing.</summary>
    [Id(4)]
    public TransferResult Result { get; set; }

    [Id(5)]
    public DateTimeOffset StartedAt { get; set; }

    public TransferGrainState Clone() => (TransferGrainState)MemberwiseClone();
}
