using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Tests.Grains.Movements;

/// <summary>
/// Accounts in memory, as the protocol sees them: each leg applied once per operation id (a retry answers Ok, another
/// movement under a known id is a conflict), a fence that stores a voided leg, refusals on demand, and a failure
/// (an exception, as a lost reply or a dead store) before any chosen call.
/// </summary>
internal sealed class FakeLegs : IMovementLegs
{
    private readonly Dictionary<(string Account, string OperationId), AccountMovement> _applied = [];

    /// <summary>The refusal each fence keeps, by account and operation id.</summary>
    private readonly Dictionary<(string Account, string OperationId), AccountResult> _fencedRefusals = [];

    public Dictionary<string, long> Balances { get; } = new(StringComparer.Ordinal);

    /// <summary>Accounts that refuse credits, with the refusal.</summary>
    public Dictionary<string, AccountResult> RefusesCredits { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call, in order: "debit a", "credit b", "fence b", "reversal a".</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Runs before each call with its name ("fence payer"): what another copy of the movement does meanwhile.</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>The 1-based call that throws instead of running; 0 for none.</summary>
    public int FailCall { get; set; }

    public Task<AccountResult> ApplyAsync(string account, AccountMovement leg)
    {
        Record(leg.OperationId.EndsWith(":out", StringComparison.Ordinal) ? "debit" : leg.Kind == MovementKind.Reversal ? "reversal" : "credit", account);
        if (_applied.TryGetValue((account, leg.OperationId), out var applied))
        {
            // A fenced leg is answered the refusal its fence keeps, as the account does.
            return Task.FromResult(
                applied.Kind.IsVoided() && _fencedRefusals.TryGetValue((account, leg.OperationId), out var fenced) ? fenced
                : applied == leg with { MayBeRetry = applied.MayBeRetry } ? AccountResult.Ok
                : AccountResult.OperationIdConflict);
        }

        var debit = leg.Kind.IsDebit();
        var balance = Balances.GetValueOrDefault(account);
        if (debit && balance < leg.AmountFen)
        {
            return Task.FromResult(AccountResult.InsufficientFunds);
        }

        if (!debit && leg.Kind != MovementKind.Reversal && RefusesCredits.TryGetValue(account, out var refusal))
        {
            return Task.FromResult(refusal);
        }

        _applied[(account, leg.OperationId)] = leg;
        Balances[account] = balance + (debit ? -leg.AmountFen : leg.AmountFen);
        return Task.FromResult(AccountResult.Ok);
    }

    public Task<LegFence> FenceAsync(string account, AccountMovement leg, AccountResult refusal)
    {
        Record("fence", account);
        if (_applied.TryGetValue((account, leg.OperationId), out var applied))
        {
            return Task.FromResult(applied.Kind == leg.Kind && applied.AmountFen == leg.AmountFen ? LegFence.Applied : LegFence.Fenced);
        }

        _applied[(account, leg.OperationId)] = leg with { Kind = leg.Kind.IsDebit() ? MovementKind.VoidedDebit : MovementKind.VoidedCredit, AmountFen = 0 };
        _fencedRefusals[(account, leg.OperationId)] = refusal;
        return Task.FromResult(LegFence.Fenced);
    }

    private void Record(string call, string account)
    {
        var hook = BeforeCall;
        BeforeCall = null; // the hook's own calls are recorded, but do not run it again
        hook?.Invoke($"{call} {account}");
        BeforeCall = hook;
        Calls.Add($"{call} {account}");
        if (Calls.Count == FailCall)
        {
            throw new IOException($"Call {FailCall} ({call} {account}) failed.");
        }
    }
}

/// <summary>
/// The owner's stored row as versions: each copy of the owner (an activation) writes only over the version it read,
/// as the store's ETag check makes it.
/// </summary>
internal sealed class FakeOwnerRow
{
    public int Version { get; set; }
}

/// <summary>
/// Stores the movement as the owner would, step by step, and can fail the nth store. Given a <see cref="FakeOwnerRow"/>
/// it is one copy of the owner, holding the version it read (<paramref name="readVersion"/>), and a write over another
/// version is refused as the store refuses a stale ETag.
/// </summary>
internal sealed class FakeRecorder(FakeOwnerRow? row = null, int readVersion = 0) : IMovementRecorder
{
    private int _version = readVersion;

    /// <summary>What the owner's store holds: the movement in flight (null once ended).</summary>
    public Movement? Stored { get; private set; }

    public MovementOutcome? Outcome { get; private set; }

    public List<string> Writes { get; } = [];

    /// <summary>The 1-based store that throws without storing; 0 for none.</summary>
    public int FailWrite { get; set; }

    public Task StoreIntentAsync(Movement movement) => StoreAsync("intent", () => Stored = movement);

    public Task StoreReversingAsync(Movement movement) => StoreAsync("reversing", () => Stored = movement);

    public Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome) => StoreAsync("outcome", () =>
    {
        Stored = null;
        Outcome = outcome;
    });

    private Task StoreAsync(string write, Action store)
    {
        Writes.Add(write);
        if (Writes.Count == FailWrite)
        {
            return Task.FromException(new IOException($"Write {FailWrite} ({write}) failed."));
        }

        if (row is not null)
        {
            if (row.Version != _version)
            {
                return Task.FromException(new Orleans.Storage.InconsistentStateException($"Version {_version} read, {row.Version} stored."));
            }

            row.Version = ++_version;
        }

        store();
        return Task.CompletedTask;
    }
}
