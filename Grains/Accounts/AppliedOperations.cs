using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>
/// The operation ids this activation applied, with what each moved, most recent <see cref="CountMax"/> only. It
/// answers the common retry (the same caller again, soon) without a storage read; older ids are found in the stored
/// journal when the caller says the movement may be a retry, and a duplicate that slips past both is refused by the
/// journal's unique ids.
/// </summary>
internal sealed class AppliedOperations
{
    /// <summary>Bounds memory per account activation; a hot account forgets ids beyond this, oldest first.</summary>
    public const int CountMax = 4096;

    private readonly Dictionary<string, AppliedMovement> _movements = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public AppliedMovement? Find(string operationId) => _movements.GetValueOrDefault(operationId);

    public void Add(string operationId, AppliedMovement movement)
    {
        if (!_movements.TryAdd(operationId, movement))
        {
            return;
        }

        _order.Enqueue(operationId);
        if (_order.Count > CountMax)
        {
            _movements.Remove(_order.Dequeue());
        }
    }
}

/// <summary>
/// What an applied operation moved, as on its ledger line: the kind, the signed amount (negative for debits), the
/// counterparty and the reference. A retry must match all four; an operation id reused for anything else is a conflict.
/// A fence's line moved nothing and holds the refusal of the leg it fences.
/// </summary>
internal sealed record AppliedMovement(MovementKind Kind, long SignedAmountFen, string? Counterparty, string? Reference, AccountResult? Refusal = null)
{
    public static AppliedMovement Of(LedgerLine line) => new(line.Kind, line.AmountFen, line.Counterparty, line.Reference, line.Refusal);

    /// <summary>
    /// The refusal stored when <paramref name="movement"/> was fenced, if this is that fence (a voided line of the same
    /// direction, counterparty and reference, written with its refusal); null otherwise.
    /// </summary>
    public AccountResult? FencedRefusalOf(AccountMovement movement) =>
        Refusal is { } refusal
        && Kind == (movement.Kind.IsDebit() ? MovementKind.VoidedDebit : MovementKind.VoidedCredit)
        && string.Equals(Counterparty, movement.Counterparty, StringComparison.Ordinal)
        && string.Equals(Reference, movement.Reference, StringComparison.Ordinal)
            ? refusal
            : null;

    /// <summary>Whether <paramref name="movement"/> asks for exactly this again (a retry) rather than reusing its id for another movement.</summary>
    public bool IsSameAs(AccountMovement movement) =>
        Kind == movement.Kind
        && SignedAmountFen == (movement.Kind.IsDebit() ? -movement.AmountFen : movement.AmountFen)
        && string.Equals(Counterparty, movement.Counterparty, StringComparison.Ordinal)
        && string.Equals(Reference, movement.Reference, StringComparison.Ordinal);
}
