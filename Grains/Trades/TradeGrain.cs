using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Trades;

/// <summary>
/// One trade. Calls run one at a time, so at most one payment is ever in flight and a paid trade stays paid. The
/// payment runs through the movement runner: a credit the merchant refuses (frozen, or at its balance
/// limit) is reversed and the trade returns to pending, as the payer lost nothing and the time limit still applies.
/// The expiry reminder lives from creation until the trade ends; a payment in flight is found by recovery through the
/// mark its stored intent leaves on the trade's row (or, with DocumentStore=AdoNet, its recovery reminder). A query
/// finishes (or undoes) an interrupted payment before it answers, so 查询交易 and 支付交易 agree.
/// </summary>
[GrainType("trade")]
public sealed partial class TradeGrain(
    [PersistentState("trade", StorageNames.Documents)] IPersistentState<TradeGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<TradeGrain> logger) : Grain, ITradeGrain, IMovementOrchestratorGrain, IRemindable
{
    /// <summary>Fires at the expiry time, then every recovery delay until the trade has ended.</summary>
    private const string ExpiryReminder = "trade";

    private MovementRunner<TradeGrainState>? _runner;

    /// <summary>The expiry reminder as this activation registered it, if it did; saves a table read when dropping it.</summary>
    private IGrainReminder? _expiry;

    private TradeGrainState Current => state.State;

    private bool Exists => Current.TransactionId is not null;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private MovementRunner<TradeGrainState> Runner => _runner ??= MovementRunners.Create(
        this, ServiceProvider, GrainFactory, state, new Flow(this), DeactivateOnIdle, recoveryOptions.Value, timeProvider, logger);

    public async Task<TradeCreation> CreateAsync(TradeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Source);
        ArgumentException.ThrowIfNullOrEmpty(request.Target);
        var refusal = !MoneyLimits.IsValidAmount(request.AmountFen) ? TradeResult.InvalidAmount
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
        // still answers expired after its limit: the reminder only writes down what the clock already says. For the
        // same reason a registration that fails while the trade is stored is logged, not answered: the trade exists,
        // and a retried 发起交易 could only answer TRADE_ID_TAKEN.
        var registering = TryRegisterExpiryAsync(timeLimit);
        await Task.WhenAll(registering, SaveAsync(created));
        _expiry = await registering;
        return new TradeCreation(TradeResult.Ok, created.TransactionId);
    }

    private async Task<IGrainReminder?> TryRegisterExpiryAsync(TimeSpan dueIn)
    {
        try
        {
            return await this.RegisterOrUpdateReminder(ExpiryReminder, dueIn, recoveryOptions.Value.RecoveryDelay);
        }
        catch (Exception exception)
        {
            LogExpiryNotRegistered(logger, exception, this.GetPrimaryKeyString());
            return null;
        }
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

        await Runner.ResumeAsync(armFirst: true);
        var refusal = await CheckPayableAsync(password);
        if (refusal != TradeResult.Ok)
        {
            return refusal;
        }

        var movement = new MovementRequest(MovementFlow.TradePayment, (Current.PaymentAttempt + 1).ToString(CultureInfo.InvariantCulture),
            Current.Source, Current.Target, Current.AmountFen, MovementKind.PaymentOut, MovementKind.PaymentIn);
        var outcome = await Runner.StartAsync(movement, next =>
        {
            next.Phase = TradePhase.Paying;
            next.PaymentAttempt++;
        });
        return outcome.Refusal.ToResult<TradeResult>();
    }

    public async Task<TradeSnapshot?> GetSnapshotAsync()
    {
        if (!Exists)
        {
            return null;
        }

        await Runner.ResumeAsync(armFirst: true);
        return new TradeSnapshot(this.GetPrimaryKeyString(), Current.TransactionId!, PublicState, Current.Source, Current.Target,
            Current.AmountFen, Current.CreatedAt, Current.ExpiresAt);
    }

    public Task ResumeMovementAsync() => Runner.OnRecoveryTickAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RecoveryReminder.Name || Runner.InFlight is not null)
        {
            // The expiry reminder resumes a payment too: the recovery reminder's registration may have failed alone.
            await Runner.OnRecoveryTickAsync();
        }
        else if (!Exists || Current.Phase != TradePhase.Pending)
        {
            await GrainReminders.TryUnregisterAsync(this, reminderName, handle: null, logger);
        }
        else if (Now >= Current.ExpiresAt)
        {
            await ExpireAsync();
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
        if (!GrainReferences.CanName(source) || !GrainReferences.CanName(target))
        {
            return TradeResult.NoSuchAccount;
        }

        var sourceCheck = (await Account(source).GetSnapshotAsync()).ToParticipation();
        return sourceCheck != AccountResult.Ok
            ? sourceCheck.ToResult<TradeResult>()
            : (await Account(target).GetSnapshotAsync()).ToParticipation().ToResult<TradeResult>();
    }

    private IAccountGrain Account(string username) => GrainFactory.GetGrain<IAccountGrain>(username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trade {TradeId}: its expiry reminder could not be registered; the trade still expires by the clock: queries show it expired and payments are refused after its limit")]
    private static partial void LogExpiryNotRegistered(ILogger logger, Exception exception, string tradeId);
}
