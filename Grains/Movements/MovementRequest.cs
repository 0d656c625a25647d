using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>
/// What a flow asks <see cref="MovementRunner{TState}"/> to move; the runner turns it into a <see cref="Movement"/>
/// with its operation id, reference and start time.
/// </summary>
/// <param name="Flow">Which flow this is.</param>
/// <param name="Key">The movement's key within its owner: an attempt number, a refund number. Client text is allowed.</param>
internal sealed record MovementRequest(
    MovementFlow Flow,
    string Key,
    string From,
    string To,
    long AmountFen,
    MovementKind DebitKind,
    MovementKind CreditKind);
