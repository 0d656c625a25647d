using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Transfers;

/// <summary>
/// Orchestrates one transfer (主动转账) through <see cref="MovementProtocol"/>: source → target, a refused credit
/// reversed on the source. A recovery reminder is held while the movement is unfinished. The accounts check
/// themselves (existence, frozen, funds) when they are debited and credited; only a password sent with the request
/// is checked first, so a stored intent is always an authorised one and recovery needs no password.
/// </summary>
[GrainType("transfer")]
public sealed partial class TransferGrain(
    [PersistentState("transfer", StorageNames.Documents)] IPersistentState<TransferGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<TransferGrain> logger) : Grain, ITransferGrain, IMovementOrchestratorGrain, IRemindable
{
    private RecoveryReminder? _recovery;

    private TransferGrainState Current => state.State;

    private RecoveryReminder Recovery => _recovery ??= new RecoveryReminder(this, recoveryOptions.Value.RecoveryDelay, logger);

    /// <summary>True while this transfer id is taken: by a movement in flight, or by a completed transfer.</summary>
    private bool IsTaken => Current.Source is not null && Current.Status != TransferStatus.Failed;

    private string Reference => "transfer:" + this.GetPrimaryKeyString();

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

        if (IsTaken)
        {
            return !IsSameRequest(request) ? TransferResult.RequestIdConflict
                : InFlight() is { } unfinished ? ToResult(await ResumeAsync(unfinished, armFirst: true))
                : Current.Result;
        }

        if (request.Password is not null)
        {
            var check = await GrainFactory.GetGrain<IAccountGrain>(request.Source).VerifyPasswordAsync(request.Password);
            if (check != AccountResult.Ok)
            {
                // Nothing stored: a refused request leaves its id free (docs/api.md, "Retries").
                return check.ToResult<TransferResult>();
            }
        }

        var movement = new Movement(MovementFlow.Transfer, $"{Reference}:{Current.Attempt + 1}", Reference, request.Source,
            request.Target, request.AmountFen, MovementKind.TransferOut, MovementKind.TransferIn, timeProvider.GetUtcNow());
        return ToResult(await MovementProtocol.StartAsync(GrainFactory, movement, new Recorder(this)));
    }

    public async Task ResumeMovementAsync()
    {
        if (InFlight() is { } unfinished)
        {
            await ResumeAsync(unfinished, armFirst: false);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (InFlight() is { } unfinished)
        {
            await ResumeAsync(unfinished, armFirst: false);
            return;
        }

        await Recovery.DisarmAsync();
    }

    /// <summary>
    /// Runs the unfinished movement again. A client's retry arms the reminder first unless this activation holds it:
    /// the registration may have failed alone while the intent committed, and no movement should run without one.
    /// </summary>
    private async Task<MovementOutcome> ResumeAsync(Movement unfinished, bool armFirst)
    {
        LogResuming(logger, this.GetPrimaryKeyString(), unfinished.Step);
        if (armFirst && !Recovery.IsArmedHere)
        {
            await Recovery.ArmAsync();
        }

        return await MovementProtocol.ResumeAsync(GrainFactory, unfinished, new Recorder(this));
    }

    private bool IsSameRequest(TransferRequest request) =>
        Current.Source == request.Source && Current.Target == request.Target && Current.AmountFen == request.AmountFen;

    private static TransferResult ToResult(MovementOutcome outcome) => outcome.Refusal.ToResult<TransferResult>();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} was interrupted at {Step}; resuming it")]
    private static partial void LogResuming(ILogger logger, string transferId, MovementStep step);
}
