using Orleans;
namespace PaySim.Grains.Transfers;

/// <summary>Where a transfer is; the first two are unfinished and resumed by the recovery reminder.</summary>
[GenerateSerializer, Alias("paysim.TransferStatus")]
public enum TransferStatus
{
    /// <summary>Intent stored; the debit and credit may or may not have been applied.</summary>
    Started,

    /// <summary>The source was debited and the target refused the credit; the debit is being reversed.</summary>
    Reversing,

    /// <summary>Both sides applied.</summary>
    Completed,

    /// <summary>Refused, or reversed: no money moved.</summary>
    Failed,
}
