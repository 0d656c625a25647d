using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Observability;
using PaySim.Grains.Persistence;

namespace PaySim.Grains.Accounts;

// Movements of money: one side of a movement between accounts, deposits and withdrawals, and the fence of a refused leg.
public sealed partial class AccountGrain
{
    /// <summary>Operation ids of deposits and withdrawals: no orchestrator id (flow names, "open") starts with these.</summary>
    internal const string RequestOperationPrefix = "req:";

    internal const string UnnamedOperationPrefix = "op:";

    public async Task<AccountResult> ApplyAsync(AccountMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        CheckOperationId(movement.OperationId);
        if (movement.Kind.IsVoided())
        {
            throw new ArgumentException("A voided leg is written only by FenceAsync.", nameof(movement));
        }

        if (!MoneyLimits.IsValidAmount(movement.AmountFen))
        {
            return AccountResult.InvalidAmount;
        }

        if (!Exists)
        {
            return AccountResult.NoSuchAccount;
        }

        if (await FindAppliedAsync(movement.OperationId, movement.MayBeRetry) is { } applied)
        {
            // Answered only once the first application is committed, never while its write is still in flight. A leg
            // fenced after it was refused is answered that refusal again, as a retry is answered as the first was; and
            // a retry sent with a wrong password is refused, never told it was applied.
            await Writer.WhenCommittedAsync();
            return applied.FencedRefusalOf(movement)
                ?? (!IsRetryOf(applied, movement) ? AccountResult.OperationIdConflict
                    : movement.Password is not null && !PasswordMatches(movement.Password) ? AccountResult.BadPassword
                    : AccountResult.Ok);
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
        Debug.Assert(next.BalanceFen >= 0 && (next.BalanceFen <= MoneyLimits.BalanceFenMax || movement.Kind == MovementKind.Reversal), "A checked movement cannot take a balance out of bounds.");
        await RecordAsync(movement.OperationId, next, new LedgerLine(movement.Kind, signedAmountFen, movement.Counterparty, movement.Reference, next.BalanceFen, now));
        if (movement.Kind is MovementKind.Deposit or MovementKind.Withdrawal)
        {
            // Counted here, once it is committed, not in ApplyExternalAsync: a retry answered Ok moves nothing new.
            PaySimMetrics.ExternalMovementEnded(movement.Kind, AccountResult.Ok);
        }

        return AccountResult.Ok;
    }

    public async Task<AccountResult> ApplyExternalAsync(ExternalMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (movement.Kind is not (MovementKind.Deposit or MovementKind.Withdrawal))
        {
            throw new ArgumentException($"{movement.Kind} does not cross the system's edge.", nameof(movement));
        }

        if (movement.RequestId is { Length: 0 or > ExternalMovement.RequestIdLengthMax })
        {
            throw new ArgumentException($"A request id has 1 to {ExternalMovement.RequestIdLengthMax} characters.", nameof(movement));
        }

        // The prefixes keep client-chosen ids apart from the edge's and from every other kind of id; a request id names
        // one operation, so the same id with another amount or kind is a conflict, and the reference is the operation.
        var operationId = movement.RequestId is null ? UnnamedOperationPrefix + Guid.NewGuid().ToString("N")
            : RequestIds.IsEdgeMade(movement.RequestId) ? UnnamedOperationPrefix + movement.RequestId
            : RequestOperationPrefix + movement.RequestId;
        var result = await ApplyAsync(new AccountMovement(operationId, movement.Kind, movement.AmountFen, Counterparty: null, Reference: operationId,
            movement.Password, MayBeRetry: movement.RequestId is not null));
        if (result != AccountResult.Ok)
        {
            PaySimMetrics.ExternalMovementEnded(movement.Kind, result);
        }

        return result;
    }

    public async Task<LegFence> FenceAsync(AccountMovement leg, AccountResult refusal)
    {
        ArgumentNullException.ThrowIfNull(leg);
        CheckOperationId(leg.OperationId);
        if (leg.Kind.IsVoided())
        {
            throw new ArgumentException("A fence names the leg it fences, not a voided one.", nameof(leg));
        }

        if (await FindAppliedAsync(leg.OperationId, mayBeRetry: true) is { } applied)
        {
            // Fenced before (a resumed run), or the id names another movement: either way this leg never lands.
            await Writer.WhenCommittedAsync();
            return !applied.Kind.IsVoided() && IsRetryOf(applied, leg) ? LegFence.Applied : LegFence.Fenced;
        }

        // Written on any account, opened or not: an account opened later must not take the leg either. The balance
        // and the time of its last change stay as they are; only the line is new.
        var voided = leg.Kind.IsDebit() ? MovementKind.VoidedDebit : MovementKind.VoidedCredit;
        var line = new LedgerLine(voided, 0, leg.Counterparty, leg.Reference, Current.BalanceFen, timeProvider.GetUtcNow(),
            refusal == AccountResult.Ok ? null : refusal);
        await RecordAsync(leg.OperationId, Current.Clone(), line);
        return LegFence.Fenced;
    }

    /// <summary>Remembers the operation at once (so interleaved calls see it) and commits the state with its line.</summary>
    private Task RecordAsync(string operationId, AccountGrainState next, LedgerLine line)
    {
        _applied.Add(operationId, AppliedMovement.Of(line));
        return CommitAsync(next, [new JournalEntry(operationId, line.ToJson(), line.Time)]);
    }

    /// <summary>What an earlier call with this operation id moved, or null if none was applied.</summary>
    private async Task<AppliedMovement?> FindAppliedAsync(string operationId, bool mayBeRetry)
    {
        var applied = _applied.Find(operationId);
        if (applied is not null || !mayBeRetry)
        {
            return applied;
        }

        if (await state.ReadJournalEntryAsync(operationId) is { } entry)
        {
            applied = AppliedMovement.Of(LedgerLine.FromJson(entry.Payload));
            _applied.Add(operationId, applied);
            return applied;
        }

        // Another call may have applied (or fenced) the same operation while this one awaited the journal.
        return _applied.Find(operationId);
    }

    private bool IsRetryOf(AppliedMovement applied, AccountMovement movement)
    {
        if (applied.IsSameAs(movement))
        {
            return true;
        }

        LogOperationIdConflict(logger, this.GetPrimaryKeyString(), movement.OperationId, applied.Kind, Math.Abs(applied.SignedAmountFen), movement.Kind, movement.AmountFen);
        return false;
    }

    private static void CheckOperationId(string operationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(operationId.Length, JournalEntry.EntryIdLengthMax);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: operation {OperationId} was {AppliedKind} {AppliedFen} fen and is now asked as {Kind} {AmountFen} fen (or with another counterparty or reference); refused as a conflict, nothing moved")]
    private static partial void LogOperationIdConflict(ILogger logger, string account, string operationId, MovementKind appliedKind, long appliedFen, MovementKind kind, long amountFen);
}
