using Orleans;

namespace PaySim.Grains.Movements;

/// <summary>The stored steps of an unfinished movement; its outcome is stored by the flow that owns it.</summary>
[GenerateSerializer, Alias("paysim.MovementStep")]
public enum MovementStep
{
    /// <summary>The intent is stored; the debit and the credit may or may not have been applied.</summary>
    Started,

    /// <summary>
    /// The credit was refused after the debit, and the reversal may have been applied: a resumed run only reverses.
    /// Stored before the reversal is sent, so a movement can be finished or undone, never both.
    /// </summary>
    Reversing,
}
