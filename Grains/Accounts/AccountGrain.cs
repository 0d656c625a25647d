using Microsoft.Extensions.Logging;
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
public sealed partial class AccountGrain(
    [JournaledState("account", StorageNames.Journaled)] IJournaledState<AccountGrainState> state,
    TimeProvider timeProvider,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>Journal entry id of the opening deposit; movement ids come from orchestrators and never take this form.</summary>
    internal const string OpeningOperationId = "open";

    private readonly AppliedOperations _applied = new();
    private readonly PasswordChecker _password = new();
    private CoalescedStateWriter<AccountGrainState>? _writer;

    /// <summary>The write of this activation's opening, while an opening that met it waits for it (never a later write).</summary>
    private Task? _opening;

    private AccountGrainState Current => state.State;

    private bool Exists => Current.PasswordHash is not null;

    private CoalescedStateWriter<AccountGrainState> Writer => _writer ??= new(state, DeactivateOnIdle);

    public async Task<AccountResult> OpenAsync(string password, long initialBalanceFen)
    {
        ArgumentNullException.ThrowIfNull(password);
        var refusal = OpeningRefusal(initialBalanceFen);
        if (refusal != AccountResult.Ok)
        {
            return await AnsweredOnceCommittedAsync(refusal);
        }

        await OpenWithCheckedHashAsync(PasswordHasher.Hash(password), initialBalanceFen);
        _password.Remember(password);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> OpenWithHashAsync(string passwordHash, long initialBalanceFen)
    {
        ArgumentNullException.ThrowIfNull(passwordHash);
        var refusal = !PasswordHasher.IsWellFormed(passwordHash) ? AccountResult.BadPassword : OpeningRefusal(initialBalanceFen);
        if (refusal != AccountResult.Ok)
        {
            return await AnsweredOnceCommittedAsync(refusal);
        }

        await OpenWithCheckedHashAsync(passwordHash, initialBalanceFen);
        return AccountResult.Ok;
    }

    /// <summary>
    /// An account that exists only in a write still in flight (an opening this reentrant grain interleaved with) is
    /// not "already exists" until that write commits: if it fails, the caller gets the failure and may open again.
    /// </summary>
    private async Task<AccountResult> AnsweredOnceCommittedAsync(AccountResult refusal)
    {
        if (refusal == AccountResult.AlreadyExists && Writer.Committed.PasswordHash is null && _opening is { } opening)
        {
            await opening;
        }

        return refusal;
    }

    private AccountResult OpeningRefusal(long initialBalanceFen) =>
        initialBalanceFen is < 0 or > MoneyLimits.AmountFenMax ? AccountResult.InvalidAmount
        : Exists ? AccountResult.AlreadyExists
        : AccountResult.Ok;

    private Task OpenWithCheckedHashAsync(string passwordHash, long initialBalanceFen)
    {
        var now = timeProvider.GetUtcNow();
        var next = new AccountGrainState
        {
            PasswordHash = passwordHash,
            OpenId = OpenIds.New(),
            Status = AccountStatus.Active,
            BalanceFen = initialBalanceFen,
            OpenedAt = now,
            LastChangedAt = now,
        };
        JournalEntry[] entries = initialBalanceFen == 0
            ? []
            : [ToJournalEntry(OpeningOperationId, new LedgerLine(MovementKind.Deposit, initialBalanceFen, null, OpeningOperationId, initialBalanceFen, now))];
        return _opening = CommitAsync(next, entries);
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

    private bool PasswordMatches(string password) => _password.Matches(password, Current.PasswordHash!);

    private Task CommitAsync(AccountGrainState next, IReadOnlyList<JournalEntry> entries) => Writer.CommitAsync(next, entries);

    private static JournalEntry ToJournalEntry(string operationId, LedgerLine line) =>
        new(operationId, line.ToJson(), line.Time);
}
