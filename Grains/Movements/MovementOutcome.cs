using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>How a movement ended, as its owner stores it and answers it.</summary>
/// <param name="End">Completed, refused at the debit, or reversed after a refused credit.</param>
/// <param name="Refusal">Ok when completed; otherwise what the refusing side answered.</param>
public readonly record struct MovementOutcome(MovementEnd End, AccountResult Refusal)
{
    public static readonly MovementOutcome Completed = new(MovementEnd.Completed, AccountResult.Ok);

    public bool IsCompleted => End == MovementEnd.Completed;
}

/// <summary>The three ends of a movement. Only <see cref="Completed"/> leaves money moved.</summary>
public enum MovementEnd
{
    /// <summary>Debited and credited.</summary>
    Completed,

    /// <summary><see cref="Movement.From"/> refused the debit: nothing moved.</summary>
    DebitRefused,

    /// <summary><see cref="Movement.To"/> refused the credit and the debit was reversed: nothing moved in the end.</summary>
    Reversed,
}
