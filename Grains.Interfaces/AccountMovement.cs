using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// One side of a movement of money, as an orchestrator hands it to an account.
/// </summary>
/// <param name="OperationId">Unique per account and movement; a retry reuses it.</param>
/// <param name="Kind">What the movement is; its direction follows from it.</param>
/// <param name="AmountFen">Always positive; the kind says whether it is added or taken.</param>
/// <param name="Counterparty">The other account, or null for deposits and withdrawals.</param>
/// <param name="Reference">The transfer, trade, order or request this movement belongs to.</param>
/// <param name="Password">When set, the account checks it before a debit (the payer authorises a payment).</param>
/// <param name="MayBeRetry">
/// True when the caller cannot rule out an earlier attempt that reached the account (recovery, client request ids):
/// the account then also looks the operation up in its stored ledger, not only in memory.
/// </param>
[GenerateSerializer, Immutable, Alias("paysim.AccountMovement")]
public sealed record AccountMovement(
    string OperationId,
    MovementKind Kind,
    long AmountFen,
    string? Counterparty,
    string? Reference,
    string? Password = null,
    bool MayBeRetry = false)
{
    /// <summary>As a record prints itself, with the password masked: Orleans' trace lines print call arguments.</summary>
    public override string ToString() =>
        $"{nameof(AccountMovement)} {{ {nameof(OperationId)} = {OperationId}, {nameof(Kind)} = {Kind}, {nameof(AmountFen)} = {AmountFen}, "
        + $"{nameof(Counterparty)} = {Counterparty}, {nameof(Reference)} = {Reference}, {nameof(Password)} = {(Password is null ? "null" : Secrets.Mask)}, {nameof(MayBeRetry)} = {MayBeRetry} }}";
}
