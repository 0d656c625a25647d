using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Transfers;

/// <summary>The stored intent and outcome of one transfer. No password is stored: it is checked before the intent is.</summary>
public sealed class TransferGrainState
{
    /// <summary>Null until the transfer was started.</summary>
    public string? Source { get; set; }

    public string Target { get; set; } = "";

    public long AmountFen { get; set; }

    public TransferStatus Status { get; set; }

    /// <summary>The outcome returned to the client (and to a retry of the same request); the refusal while reversing.</summary>
    public TransferResult Result { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public TransferGrainState Clone() => (TransferGrainState)MemberwiseClone();
}
