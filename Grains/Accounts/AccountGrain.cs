using System.Diagnostics;
using PaySim.Grains.Interfaces;
using PaySim.Runtime;

namespace PaySim.Grains.Accounts;

/// <summary>
/// One account: its balance, status and ledger. Every change is one state write that carries its ledger line, so
/// a balance never exists without the line that explains it. Account grains never call other grains.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountGrainState> state,
    TimeProvider timeProvider) : Grain, IAccountGrain
{
    /// <summary>Journal entry id of the opening deposit; movement ids come from orchestrators and never take this form.</summary>
    internal const string OpeningOperationId = "open";

    private readonly AppliedOperations _applied = new();
    private readonly PasswordChecker _password = new();

    private AccountGrainState Current => state.State;

    private bool Exists => Current.PasswordHash is not null;

    public async Task<AccountResult> OpenAsync(string password, long initialBalanceFen)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (initialBalanceFen is < 0 or > MoneyLimits.AmountFenMax)
        {
            return AccountResult.InvalidAmount;
        }

        if (Exists)
        {
            return AccountResult.AlreadyExists;
        }

        var now = timeProvider.GetUtcNow();
        var next = new AccountGrainState
        {
            PasswordHash = PasswordHasher.Hash(password),
            OpenId = OpenIds.New(),
            Status = AccountStatus.Active,
            BalanceFen = initialBalanceFen,
            OpenedAt = now,
            LastChangedAt = now,
        };
        JournalEntry[] entries = initialBalanceFen == 0
            ? []
            : [ToJournalEntry(OpeningOperationId, new LedgerLine(MovementKind.Deposit, initialBalanceFen, null, OpeningOperationId, initialBalanceFen, now))];
        await CommitAsync(next, entries);
        _password.Remember(password);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> BindOpenIdAsync(string openId)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        if (!Exists)
        {
            return AccountResult.NoSuchAccount;
        }

        var next = Current.Clone();
        next.OpenId = openId;
        next.LastChangedAt = timeProvider.GetUtcNow();
        await CommitAsync(next, []);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> FreezeAsync()
    {
        if (!Exists)
        {
            return AccountResult.NoSuchAccount;
        }

        if (Current.Status == AccountStatus.Frozen)
        {
            return AccountResult.Ok;
        }

        var next = Current.Clone();
        next.Status = AccountStatus.Frozen;
        next.LastChangedAt = timeProvider.GetUtcNow();
        await CommitAsync(next, []);
        return AccountResult.Ok;
    }

    public Task<AccountSnapshot?> GetSnapshotAsync() => Task.FromResult(Exists
        ? new AccountSnapshot(GrainKey, Current.OpenId, Current.Status, Current.BalanceFen, Current.LastChangedAt)
        : null);

    public Task<AccountResult> VerifyPasswordAsync(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var result = !Exists ? AccountResult.NoSuchAccount
            : PasswordMatches(password) ? AccountResult.Ok
            : AccountResult.BadPassword;
        return Task.FromResult(result);
    }

    public async Task<AccountResult> ApplyAsync(AccountMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentException.ThrowIfNullOrEmpty(movement.OperationId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(movement.OperationId.Length, JournalEntry.EntryIdLengthMax);
        if (!MovementRules.IsValidAmount(movement.AmountFen))
        {
            return AccountResult.InvalidAmount;
        }

        if (!Exists)
        {
            return AccountResult.NoSuchAccount;
        }

        if (await WasAppliedAsync(movement))
        {
            return AccountResult.Ok;
        }

        if (movement.Password is not null && !PasswordMatches(movement.Password))
        {
            return AccountResult.BadPassword;
        }

        var refusal = MovementRules.Check(Current, movement);
        if (refusal != AccountResult.Ok)
        {
            return refusal;
        }

        var signedAmountFen = movement.Kind.IsDebit() ? -movement.AmountFen : movement.AmountFen;
        var now = timeProvider.GetUtcNow();
        var next = Current.Clone();
        next.BalanceFen += signedAmountFen;
        next.LastChangedAt = now;
        Debug.Assert(next.BalanceFen is >= 0 and <= MoneyLimits.BalanceFenMax, "A checked movement cannot take a balance out of bounds.");
        var line = new LedgerLine(movement.Kind, signedAmountFen, movement.Counterparty, movement.Reference, next.BalanceFen, now);
        await CommitAsync(next, [ToJournalEntry(movement.OperationId, line)]);
        _applied.Add(movement.OperationId);
        return AccountResult.Ok;
    }

    private async Task<bool> WasAppliedAsync(AccountMovement movement)
    {
        if (_applied.Contains(movement.OperationId))
        {
            return true;
        }

        if (!movement.MayBeRetry || await state.ReadJournalEntryAsync(movement.OperationId) is null)
        {
            return false;
        }

        _applied.Add(movement.OperationId);
        return true;
    }

    private bool PasswordMatches(string password) => _password.Matches(password, Current.PasswordHash!);

    private Task CommitAsync(AccountGrainState next, IReadOnlyList<JournalEntry> entries) =>
        state.CommitAsync(next, entries, DeactivateOnIdle);

    private static JournalEntry ToJournalEntry(string operationId, LedgerLine line) =>
        new(operationId, line.ToJson(), line.Time);
}
