using Orleans;
namespace PaySim.Grains.Transfers;

/// <summary>Where a transfer is. Stored as a number: members keep their places.</summary>
[GenerateSerializer, Alias("paysim.TransferStatus")]
public enum TransferStatus
{
    /// <summary>The movement is in flight (<see cref="TransferGrainState.InFlight"/>), whatever its step.</summary>
    Started,

    /// <summary>Written only before the one movement protocol, which keeps the step in the movement itself.</summary>
    Reversing,

    /// <summary>Both sides applied.</summary>
    Completed,

    /// <summary>Refused, or reversed: no money moved, and the transfer id may be used again.</summary>
    Failed,
}
