using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Persistence;

namespace PaySim.Grains.Transfers;

/// <summary>
/// One transfer (主动转账): source → target through the movement runner, a refused credit reversed on the source.
/// The accounts check themselves (existence, frozen, funds) when they are debited and credited; only a password sent
/// with the request is checked first, so a stored intent is always an authorised one and recovery needs no password.
/// </summary>
[GrainType("transfer")]
public sealed partial class TransferGrain(
    [PersistentState("transfer", StorageNames.Documents)] IPersistentState<TransferGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<TransferGrain> logger) : Grain, ITransferGrain, IMovementOrchestratorGrain, IRemindable
{
    private MovementRunner<TransferGrainState>? _runner;

    private TransferGrainState Current => state.State;

    private MovementRunner<TransferGrainState> Runner => _runner ??= MovementRunners.Create(
        this, ServiceProvider, GrainFactory, state, new Flow(this), DeactivateOnIdle, recoveryOptions.Value, timeProvider, logger);

    /// <summary>True while this transfer id is taken: by a movement in flight, or by a completed transfer.</summary>
    private bool IsTaken => Current.Source is not null && Current.Status != TransferStatus.Failed;

    public async Task<TransferResult> ExecuteAsync(TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Source);
        ArgumentException.ThrowIfNullOrEmpty(request.Target);
        if (!MoneyLimits.IsValidAmount(request.AmountFen))
        {
            return TransferResult.InvalidAmount;
        }

        if (request.Source == request.Target)
        {
            return TransferResult.SameAccount;
        }

        if (!state.ReadIsDeferred())
        {
            return await RunAsync(request);
        }

        // Nothing was read at activation: run as the id's first use, whose intent's write creates the row or, where the
        // id was used before, loads what is stored and writes nothing.
        TransferResult result;
        try
        {
            result = await RunAsync(request);
        }
        catch (StoredStateFoundException)
        {
            return await RunAsync(request);
        }

        if (!state.ReadIsDeferred())
        {
            return result;
        }

        // Refused before anything was written: a transfer stored under this id answers instead, as it would have if read
        // (a wrong password stays the answer to the same request: checked once, not again).
        await state.ReadStateAsync();
        return !IsTaken || (result == TransferResult.BadPassword && IsSameRequest(request)) ? result : await RunAsync(request);
    }

    public async Task ResumeMovementAsync()
    {
        await ReadIfDeferredAsync();
        await Runner.OnRecoveryTickAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ReadIfDeferredAsync();
        await Runner.OnRecoveryTickAsync();
    }

    /// <summary>Runs <paramref name="request"/> against the state as this activation has it.</summary>
    private async Task<TransferResult> RunAsync(TransferRequest request)
    {
        if (IsTaken)
        {
            if (!IsSameRequest(request))
            {
                return TransferResult.RequestIdConflict;
            }

            // A retry sent with a wrong password is refused, never told the transfer succeeded.
            return await PasswordRefusalAsync(request) is { } refusal ? refusal
                : await Runner.ResumeAsync(armFirst: true) is { } resumed ? Settled(resumed)
                : Current.Result;
        }

        if (!GrainReferences.CanName(request.Source) || !GrainReferences.CanName(request.Target))
        {
            return TransferResult.NoSuchAccount;
        }

        if (await PasswordRefusalAsync(request) is { } refused)
        {
            // Nothing stored: a refused request leaves its id free (docs/api.md, "Retries").
            return refused;
        }

        var attempt = Current.Attempt + 1;
        var movement = new MovementRequest(MovementFlow.Transfer, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            request.Source, request.Target, request.AmountFen, MovementKind.TransferOut, MovementKind.TransferIn);
        return Settled(await Runner.StartAsync(movement, next => next.RecordIntent(request, attempt, timeProvider.GetUtcNow())));
    }

    /// <summary>The refusal of a password sent with the request that does not match the source's; null when none was sent or it matches.</summary>
    private async Task<TransferResult?> PasswordRefusalAsync(TransferRequest request)
    {
        if (request.Password is null)
        {
            return null;
        }

        var check = await GrainFactory.GetGrain<IAccountGrain>(request.Source).VerifyPasswordAsync(request.Password);
        return check == AccountResult.Ok ? null : check.ToResult<TransferResult>();
    }

    /// <summary>Recovery and reminders resume what is stored, so they read it first.</summary>
    private Task ReadIfDeferredAsync() => state.ReadIsDeferred() ? state.ReadStateAsync() : Task.CompletedTask;

    private bool IsSameRequest(TransferRequest request) =>
        Current.Source == request.Source && Current.Target == request.Target && Current.AmountFen == request.AmountFen;

    /// <summary>
    /// The answer of a movement that ran to its outcome (stored, reminder removed), and this activation retires once the
    /// call returns: a settled transfer is called again only by a client's retry, which reads the stored outcome back
    /// in one read. Kept, it would stay in memory until Orleans' idle collection (15 minutes by default): tens of
    /// thousands of activations under load, more for the GC to trace and for Orleans' activation walks to cover.
    /// </summary>
    private TransferResult Settled(MovementOutcome outcome)
    {
        if (Runner.InFlight is null)
        {
            DeactivateOnIdle();
        }

        return outcome.Refusal.ToResult<TransferResult>();
    }
}
