using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Grains.Interfaces;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Transfers;

/// <summary>
/// Orchestrates one transfer: register the recovery reminder and store the intent (issued together), debit the
/// source, credit the target, then store the outcome and drop the reminder (issued together). A credit the target refuses is reversed on the source. After a crash
/// the reminder re-runs the unfinished steps; both account movements are idempotent by operation id, so a step that
/// did happen is not applied twice.
/// </summary>
[GrainType("transfer")]
public sealed partial class TransferGrain(
    [PersistentState("transfer", StorageNames.Documents)] IPersistentState<TransferGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<TransferGrain> logger) : Grain, ITransferGrain, IRemindable
{
    private const string RecoveryReminderName = "recover";

    /// <summary>How soon an interrupted transfer is resumed; far above a normal transfer's duration.</summary>
    private readonly TimeSpan _recoveryDelay = recoveryOptions.Value.RecoveryDelay;

    /// <summary>The reminder this activation registered, if any; lets the last step drop it without reading the table.</summary>
    private IGrainReminder? _reminder;

    private TransferGrainState Current => state.State;

    private bool IsFinished => Current.Status is TransferStatus.Completed or TransferStatus.Failed;

    private string Reference => "transfer:" + this.GetPrimaryKeyString();

    public async Task<TransferResult> ExecuteAsync(TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Source);
        ArgumentException.ThrowIfNullOrEmpty(request.Target);
        if (request.AmountFen is <= 0 or > MoneyLimits.AmountFenMax)
        {
            return TransferResult.InvalidAmount;
        }

        if (request.Source == request.Target)
        {
            return TransferResult.SameAccount;
        }

        if (Current.Source is not null)
        {
            return !IsSameRequest(request) ? TransferResult.RequestIdConflict
                : IsFinished ? Current.Result
                : await ResumeAsync();
        }

        var refusal = await CheckParticipantsAsync(request);
        var next = new TransferGrainState
        {
            Source = request.Source,
            Target = request.Target,
            AmountFen = request.AmountFen,
            Status = refusal == TransferResult.Ok ? TransferStatus.Started : TransferStatus.Failed,
            Result = refusal,
            StartedAt = timeProvider.GetUtcNow(),
        };
        if (refusal != TransferResult.Ok)
        {
            // Stored so that a retry of this request id answers the same, even if the accounts changed since.
            await SaveAsync(next);
            return refusal;
        }

        // Issued together, so they usually share one group commit. No money moves until both are acknowledged, so a
        // crash between their commits leaves no money in flight: a reminder without its intent (it fires, finds none,
        // drops itself) or, on PostgreSQL whose batches may commit out of order, an intent without its reminder, which
        // a retry of the request id resumes (docs/design.md, section 3).
        var registering = this.RegisterOrUpdateReminder(RecoveryReminderName, _recoveryDelay, _recoveryDelay);
        await Task.WhenAll(registering, SaveAsync(next));
        _reminder = await registering;
        return await RunAsync(mayBeRetry: false);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Current.Source is not null && !IsFinished)
        {
            LogResuming(logger, this.GetPrimaryKeyString(), Current.Status);
            await RunAsync(mayBeRetry: true);
            return;
        }

        await DropReminderAsync();
    }

    /// <summary>
    /// A retry of an unfinished transfer. Its reminder is registered again unless this activation holds it: the
    /// registration may have failed alone while the intent committed, and no movement should run without one.
    /// </summary>
    private async Task<TransferResult> ResumeAsync()
    {
        _reminder ??= await this.RegisterOrUpdateReminder(RecoveryReminderName, _recoveryDelay, _recoveryDelay);
        return await RunAsync(mayBeRetry: true);
    }

    private bool IsSameRequest(TransferRequest request) =>
        Current.Source == request.Source && Current.Target == request.Target && Current.AmountFen == request.AmountFen;

    /// <summary>
    /// Checks before storing the intent what would otherwise be found only after a debit: the password (so the stored
    /// intent is an authorised one and recovery needs no password) and that the target can receive.
    /// </summary>
    private async Task<TransferResult> CheckParticipantsAsync(TransferRequest request)
    {
        var source = GrainFactory.GetGrain<IAccountGrain>(request.Source);
        var sourceCheck = request.Password is null
            ? (await source.GetSnapshotAsync()).ToParticipation()
            : await source.VerifyPasswordAsync(request.Password);
        if (sourceCheck != AccountResult.Ok)
        {
            return sourceCheck.ToTransferResult();
        }

        var target = await GrainFactory.GetGrain<IAccountGrain>(request.Target).GetSnapshotAsync();
        return target.ToParticipation().ToTransferResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} was interrupted at {Status}; resuming it")]
    private static partial void LogResuming(ILogger logger, string transferId, TransferStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: the target refused the credit ({Refusal}); reversing the debit")]
    private static partial void LogReversing(ILogger logger, string transferId, TransferResult refusal);
}
