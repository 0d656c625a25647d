using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// One account, keyed by username. It owns its balance and its ledger and never calls another account:
/// money moves between accounts only through an orchestrating grain (transfer, trade, merchant order)
/// that applies one movement to each side.
/// </summary>
[Alias("paysim.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens the account with a password (stored only as a salted hash) and an opening deposit.</summary>
    Task<AccountResult> OpenAsync(string password, long initialBalanceFen);

    /// <summary>
    /// Opens the account with a password hash the batch opener (<see cref="IAccountOpenerGrain"/>) made once for many
    /// accounts, rather than a password; a text not in the accounts' hash form is refused as
    /// <see cref="AccountResult.BadPassword"/> and nothing is opened.
    /// </summary>
    Task<AccountResult> OpenWithHashAsync(string passwordHash, long initialBalanceFen);

    /// <summary>Binds a WeChat openID to the account (deprecated in the seed; kept for clients that still call it).</summary>
    Task<AccountResult> BindOpenIdAsync(string openId);

    /// <summary>Freezes the account: it then neither pays, withdraws, sends nor receives.</summary>
    Task<AccountResult> FreezeAsync();

    /// <summary>Returns the account as it is now, or null when it was never opened.</summary>
    Task<AccountSnapshot?> GetSnapshotAsync();

    /// <summary>Checks a password in constant time.</summary>
    Task<AccountResult> VerifyPasswordAsync(string password);

    /// <summary>
    /// Applies one movement of money exactly once: a movement whose <see cref="AccountMovement.OperationId"/> was
    /// already applied returns <see cref="AccountResult.Ok"/> again without changing anything.
    /// The balance change and its ledger line are committed together before this returns.
    /// </summary>
    Task<AccountResult> ApplyAsync(AccountMovement movement);

    /// <summary>
    /// Applies a deposit or a withdrawal exactly once per <see cref="ExternalMovement.RequestId"/>: a retry answers as
    /// the first did; the same request id for another amount or kind is <see cref="AccountResult.OperationIdConflict"/>.
    /// </summary>
    Task<AccountResult> ApplyExternalAsync(ExternalMovement movement);

    /// <summary>
    /// Makes sure the leg <paramref name="leg"/> (a debit or a credit, refused earlier) is never applied from now on, by
    /// storing a zero-amount line under its operation id (<see cref="MovementKind.VoidedDebit"/> or
    /// <see cref="MovementKind.VoidedCredit"/>) with <paramref name="refusal"/>, which a later copy of the leg is then
    /// answered (<see cref="AccountResult.Ok"/> when the refusal is not known, e.g. a movement stored before refusals
    /// were: a later copy is then answered <see cref="AccountResult.OperationIdConflict"/>); or answers that it was
    /// applied already. A refused leg leaves no trace,
    /// so without the fence a late or stale copy of it could land after its movement was ended as refused: the
    /// orchestrator fences a refused debit before it stores the refusal, and a refused credit before it reverses the
    /// debit. Works on any account, opened or not, frozen or not.
    /// </summary>
    Task<LegFence> FenceAsync(AccountMovement leg, AccountResult refusal);
}
