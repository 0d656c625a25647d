using System.Diagnostics;
using PaySim.Grains.Interfaces;
using Orleans;
using Orleans.Concurrency;
using PaySim.Grains.Persistence;

namespace PaySim.Grains.Accounts;

/// <summary>
/// One account: its balance, status and ledger. Every change is written with its ledger line, so a balance never
/// exists without the line that explains it. Account grains never call other grains.
/// The grain is reentrant so that movements arriving while a write is in flight share the next write (one merchant
/// receiving every payment would otherwise be capped at one commit per movement). Every check and change happens
/// in one synchronous stretch, after the last await; callers are answered only after their change committed, and
/// reads answer from the committed state.
/// </summary>
[Reentrant]
[GrainType("account")]
public sealed class AccountGrain(
    [JournaledState("account", StorageNames.Journaled)] IJournaledState<AccountGrainState> state,
    TimeProvider timeProvider) : Grain, IAccountGrain
{
    /// <summary>Journal entry id of the opening deposit; movement ids come from orchestrators and never take this form.</summary>
    internal const string OpeningOperationId = "open";

    private readonly AppliedOperations _applied = new();
    private readonly PasswordChecker _password = new();
    private CoalescedStateWriter<AccountGrainState>? _writer;

    private AccountGrainState Current => state.State;

    private bool Exists => Current.PasswordHash is not null;

    private CoalescedStateWriter<AccountGrainState> Writer => _writer ??= new(state, DeactivateOnIdle);

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
            // Possibly frozen by a write still in flight: answer once it is committed.
            await Writer.WhenCommittedAsync();
            return AccountResult.Ok;
        }

        var next = Current.Clone();
        next.Status = AccountStatus.Frozen;
        next.LastChangedAt = timeProvider.GetUtcNow();
        await CommitAsync(next, []);
        return AccountResult.Ok;
    }

    public Task<AccountSnapshot?> GetSnapshotAsync()
    {
        var committed = Writer.Committed;
        return Task.FromResult(committed.PasswordHash is null
            ? null
            : new AccountSnapshot(this.GetPrimaryKeyString(), committed.OpenId, committed.Status, committed.BalanceFen, committed.LastChangedAt));
    }

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
        if (!MoneyLimits.IsValidAmount(movement.AmountFen))
        {
            return AccountResult.InvalidAmount;
        }

        if (!Exists)
        {
            return AccountResult.NoSuchAccount;
        }

        if (await FindAppliedAsync(movement) is { } applied)
        {
            // Answered only once the first application is committed, never while its write is still in flight.
            await Writer.WhenCommittedAsync();
            return applied.IsSameAs(movement) ? AccountResult.Ok : AccountResult.OperationIdConflict;
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
        _applied.Add(movement.OperationId, AppliedMovement.Of(line));
        await CommitAsync(next, [ToJournalEntry(movement.OperationId, line)]);
        return AccountResult.Ok;
    }

    /// <summary>What an earlier call with this operation id moved, or null if none was applied.</summary>
    private async Task<AppliedMovement?> FindAppliedAsync(AccountMovement movement)
    {
        var applied = _applied.Find(movement.OperationId);
        if (applied is not null || !movement.MayBeRetry)
        {
            return applied;
        }

        if (await state.ReadJournalEntryAsync(movement.OperationId) is { } entry)
        {
            applied = AppliedMovement.Of(LedgerLine.FromJson(entry.Payload));
            _applied.Add(movement.OperationId, applied);
            return applied;
        }

        // Another call may have applied the same operation while this one awaited the journal.
        return _applied.Find(movement.OperationId);
    }

    private bool PasswordMatches(string password) => _password.Matches(password, Current.PasswordHash!);

    private Task CommitAsync(AccountGrainState next, IReadOnlyList<JournalEntry> entries) => Writer.CommitAsync(next, entries);

    private static JournalEntry ToJournalEntry(string operationId, LedgerLine line) =>
        new(operationId, line.ToJson(), line.Time);
}
