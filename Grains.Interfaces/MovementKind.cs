using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>Kinds of ledger movement. Debits take money from the account, credits add it.</summary>
[GenerateSerializer, Alias("paysim.MovementKind")]
public enum MovementKind
{
    /// <summary>Credit: money paid in from outside (充值, and the opening balance).</summary>
    Deposit,

    /// <summary>Debit: money paid out to outside (提现).</summary>
    Withdrawal,

    /// <summary>Debit: the sending side of a transfer (主动转账).</summary>
    TransferOut,

    /// <summary>Credit: the receiving side of a transfer.</summary>
    TransferIn,

    /// <summary>Debit: the payer side of a trade or merchant order.</summary>
    PaymentOut,

    /// <summary>Credit: the payee side of a trade or merchant order.</summary>
    PaymentIn,

    /// <summary>Debit: a merchant returning money for a refund.</summary>
    RefundOut,

    /// <summary>Credit: the payer receiving a refund.</summary>
    RefundIn,

    /// <summary>Credit: undoes an earlier debit whose counterpart could not be applied; allowed on frozen accounts.</summary>
    Reversal,

    /// <summary>
    /// Neither: a zero-amount line on the payee, written under a refused credit's operation id before its debit is
    /// reversed, so that no late or stale copy of that credit can ever be applied afterwards (the fence).
    /// </summary>
    VoidedCredit,

    /// <summary>
    /// Neither: a zero-amount line on the payer, written under a refused debit's operation id before the refusal is
    /// stored as its movement's outcome, so that no late or stale copy of that debit can be applied afterwards.
    /// </summary>
    VoidedDebit,
}

/// <summary>Direction helpers for <see cref="MovementKind"/>.</summary>
public static class MovementKinds
{
    public static bool IsDebit(this MovementKind kind) =>
        kind is MovementKind.Withdrawal or MovementKind.TransferOut or MovementKind.PaymentOut or MovementKind.RefundOut;

    /// <summary>Whether the kind is a fence's zero-amount line, which moves nothing.</summary>
    public static bool IsVoided(this MovementKind kind) => kind is MovementKind.VoidedCredit or MovementKind.VoidedDebit;
}
