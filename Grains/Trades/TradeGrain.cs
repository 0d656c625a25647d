using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Grains.Interfaces;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Trades;

/// <summary>
/// One trade. Calls run one at a time, so at most one payment is ever in progress and a paid trade stays paid.
/// A single durable reminder serves two purposes: it fires at the expiry time while the trade is pending, and a
/// minute after a payment starts while one is in progress, so a crash mid-payment is resumed, never left half-done.
/// A credit the merchant refuses (frozen, or at its balance limit) is reversed and the trade returns to pending:
/// the payer lost nothing, the merchant may be able to receive later, and the time limit still applies.
/// </summary>
[GrainType("trade")]
public sealed partial class TradeGrain(
    [PersistentState("trade", StorageNames.Documents)] IPersistentState<TradeGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<TradeGrain> logger) : Grain, ITradeGrain, IRemindable
{
    private const string ReminderName = "trade";

    /// <summary>How soon an interrupted payment is resumed, and how often a missed reminder tick comes again.</summary>
    private readonly TimeSpan _recoveryDelay = recoveryOptions.Value.RecoveryDelay;

    /// <summary>The reminder this activation registered, if any; lets the last step drop it without reading the table.</summary>
    private IGrainReminder? _reminder;

    private TradeGrainState Current => state.State;

    private bool Exists => Current.TransactionId is not null;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public async Task<TradeCreation> CreateAsync(TradeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Source);
        ArgumentException.ThrowIfNullOrEmpty(request.Target);
        var refusal = request.AmountFen is <= 0 or > MoneyLimits.AmountFenMax ? TradeResult.InvalidAmount
            : request.TimeLimitMinutes is < 1 or > TradeLimits.TimeLimitMinutesMax ? TradeResult.InvalidTimeLimit
            : request.Source == request.Target ? TradeResult.SameAccount
            : Exists ? TradeResult.TradeIdTaken
            : await CheckParticipantsAsync(request.Source, request.Target);
        if (refusal != TradeResult.Ok)
        {
            return new TradeCreation(refusal, null);
        }

        var now = Now;
        var timeLimit = TimeSpan.FromMinutes(request.TimeLimitMinutes);
        var created = new TradeGrainState
        {
            TransactionId = TransactionIds.New(now),
            Source = request.Source,
            Target = request.Target,
            AmountFen = request.AmountFen,
            Phase = TradePhase.Pending,
            CreatedAt = now,
            ExpiresAt = now + timeLimit,
        };
        // Issued together, so they usually share one group commit. A crash between their commits leaves a reminder
        // without its trade (it finds none and drops itself) or, on PostgreSQL, a trade without its reminder, which
        // still answers expired after its limit: its reminder only writes down what the clock already says.
        var registering = this.RegisterOrUpdateReminder(ReminderName, timeLimit, _recoveryDelay);
        await Task.WhenAll(registering, SaveAsync(created));
        _reminder = await registering;
        return new TradeCreation(TradeResult.Ok, created.TransactionId);
    }

    public async Task<TradeResult> PayAsync(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        if (!Exists)
        {
            return TradeResult.NoSuchTrade;
        }

        if (username != Current.Source)
        {
            return TradeResult.NotTradeSource;
        }

        if (Current.Phase is TradePhase.Paying or TradePhase.Reversing)
        {
            // Registered again unless this activation holds it: it may have failed alone while the intent committed.
            _reminder ??= await this.RegisterOrUpdateReminder(ReminderName, _recoveryDelay, _recoveryDelay);
            await RunPaymentAsync(mayBeRetry: true);
        }

        var refusal = await CheckPayableAsync(password);
        if (refusal != TradeResult.Ok)
        {
            return refusal;
        }

        // The reminder is moved and the intent stored together, so they usually share one group commit. No money moves
        // until both are acknowledged. A crash between their commits leaves a moved reminder without the intent (it
        // fires on a pending trade and moves back to the expiry) or, on PostgreSQL, the intent with the reminder still
        // at the expiry, which then resumes the payment (a retry by the payer resumes it sooner).
        var moving = this.RegisterOrUpdateReminder(ReminderName, _recoveryDelay, _recoveryDelay);
        await Task.WhenAll(moving, SaveAsync(With(TradePhase.Paying, Current.PaymentAttempt + 1)));
        _reminder = await moving;
        return await RunPaymentAsync(mayBeRetry: false);
    }

    public Task<TradeSnapshot?> GetSnapshotAsync() => Task.FromResult(Exists
        ? new TradeSnapshot(this.GetPrimaryKeyString(), Current.TransactionId!, PublicState, Current.Source, Current.Target,
            Current.AmountFen, Current.CreatedAt, Current.ExpiresAt)
        : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (Exists ? Current.Phase : TradePhase.Expired)
        {
            case TradePhase.Paying or TradePhase.Reversing:
                LogResuming(logger, this.GetPrimaryKeyString(), Current.Phase);
                await RunPaymentAsync(mayBeRetry: true);
                break;
            case TradePhase.Pending when Now >= Current.ExpiresAt:
                await ExpireAsync();
                break;
            case TradePhase.Pending:
                await ScheduleExpiryAsync();
                break;
            default:
                await DropReminderAsync();
                break;
        }
    }

    /// <summary>A pending trade whose time is up is expired even before its reminder tick has been delivered.</summary>
    private TradeState PublicState => Current.Phase switch
    {
        TradePhase.Paid => TradeState.Paid,
        TradePhase.Expired => TradeState.Expired,
        TradePhase.Pending when Now >= Current.ExpiresAt => TradeState.Expired,
        _ => TradeState.Pending,
    };

    private async Task<TradeResult> CheckParticipantsAsync(string source, string target)
    {
        var sourceCheck = (await Account(source).GetSnapshotAsync()).ToParticipation();
        return sourceCheck != AccountResult.Ok
            ? sourceCheck.ToTradeResult()
            : (await Account(target).GetSnapshotAsync()).ToParticipation().ToTradeResult();
    }

    private IAccountGrain Account(string username) => GrainFactory.GetGrain<IAccountGrain>(username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trade {TradeId}: a payment was interrupted at {Phase}; resuming it")]
    private static partial void LogResuming(ILogger logger, string tradeId, TradePhase phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trade {TradeId}: the merchant refused the credit ({Refusal}); reversing the debit")]
    private static partial void LogReversing(ILogger logger, string tradeId, TradeResult refusal);
}
