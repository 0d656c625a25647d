using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// Money entering or leaving the system through one account (充值, 提现). The account builds the operation id itself
/// from <paramref name="RequestId"/>, so a retried request is recognised and no id built elsewhere can collide with it.
/// </summary>
/// <param name="Kind"><see cref="MovementKind.Deposit"/> or <see cref="MovementKind.Withdrawal"/>.</param>
/// <param name="AmountFen">Always positive.</param>
/// <param name="RequestId">
/// The request's id (<see cref="RequestIds"/>): the client's, or one the edge made for a request without one; null
/// when neither (the request cannot be recognised again).
/// </param>
/// <param name="Password">When set, checked before a withdrawal.</param>
[GenerateSerializer, Immutable, Alias("paysim.ExternalMovement")]
public sealed record ExternalMovement(
    [property: Id(0)] MovementKind Kind,
    [property: Id(1)] long AmountFen,
    [property: Id(2)] string? RequestId,
    [property: Id(3)] string? Password = null)
{
    /// <summary>Longest request id accepted (an edge-made one); the operation id built from it must fit a journal entry id.</summary>
    public const int RequestIdLengthMax = 100;

    /// <summary>As a record prints itself, with the password masked: Orleans' trace lines print call arguments.</summary>
    public override string ToString() =>
        $"{nameof(ExternalMovement)} {{ {nameof(Kind)} = {Kind}, {nameof(AmountFen)} = {AmountFen}, {nameof(RequestId)} = {RequestId}, {nameof(Password)} = {(Password is null ? "null" : Secrets.Mask)} }}";
}
