using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// A merchant order: creation and queries here; cancel, close and expiry, payment, refunds and recovery in the other parts.
/// It calls accounts, payer codes, indexes and its notification grain; none of those ever calls an order.
/// </summary>
[GrainType("merchantorder")]
public sealed partial class MerchantOrderGrain(
    [PersistentState("order", StorageNames.Documents)] IPersistentState<MerchantOrderGrainState> state,
    TimeProvider timeProvider,
    IOptions<MoneyRecoveryOptions> recoveryOptions,
    ILogger<MerchantOrderGrain> logger) : Grain, IMerchantOrderGrain, IMovementOrchestratorGrain, IRemindable
{
    /// <summary>Longest validity of an order: seed 001 accepts time_expire up to 1440 minutes.</summary>
    public static readonly TimeSpan ValidForMax = TimeSpan.FromDays(1);

    /// <summary>Beijing time, which trade numbers and the cancel window use.</summary>
    public static readonly TimeSpan BeijingOffset = MerchantTime.BeijingOffset;

    private const string ExpireReminder = "expire";
    private const int TradeNumberAttemptMax = 8;

    private MovementRunner<MerchantOrderGrainState>? _runner;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private ILogger Logger => logger;

    private MovementRunner<MerchantOrderGrainState> Runner => _runner ??= MovementRunners.Create(
        this, ServiceProvider, GrainFactory, state, new Flow(this), DeactivateOnIdle, recoveryOptions.Value, timeProvider, logger);

    private MerchantOrderGrainState S => state.State;

    private MerchantOrderRequest Request => S.Request!;

    public async Task<MerchantOrderReply> CreateAsync(MerchantOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.RecordExists)
        {
            if (request != Request)
            {
                // Another request under a number already taken (another payer's code, another amount): it is answered
                // nothing of the stored order, neither its state nor its payer's code.
                return new MerchantOrderReply(MerchantOrderResult.SerialRepeat, null);
            }

            // A retry: the first attempt may have stored the order and died (or failed) before its reminder was stored.
            await ArmExpiryAsync();
            return Reply(MerchantOrderResult.Ok);
        }

        var invalid = Validate(request);
        if (invalid != MerchantOrderResult.Ok)
        {
            return new MerchantOrderReply(invalid, null);
        }

        var now = timeProvider.GetUtcNow();
        var tradeNumber = await ClaimTradeNumberAsync(now);
        var created = new MerchantOrderGrainState
        {
            Request = request,
            TradeNumber = tradeNumber,
            Status = MerchantOrderStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + request.ValidFor,
        };
        // Issued together, so they usually share one group commit. Either may be stored without the other: a reminder
        // without its order finds none and drops itself; an order without its reminder still shows Expired after its
        // validity (Snapshot reads the clock), refuses payment, and is re-armed by a retried create or a query.
        var registering = this.RegisterOrUpdateReminder(ExpireReminder, request.ValidFor, recoveryOptions.Value.RecoveryDelay);
        await Task.WhenAll(registering, state.CommitAsync(created, DeactivateOnIdle));
        _expiryArmed = true;
        return Reply(MerchantOrderResult.Ok);
    }

    /// <summary>Answers after finishing what is in flight, so a query and a payment never disagree about the order.</summary>
    public async Task<MerchantOrderReply> GetAsync()
    {
        if (!state.RecordExists)
        {
            return new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null);
        }

        await RecoverAsync();
        await TryArmExpiryAsync();
        return Reply(MerchantOrderResult.Ok);
    }

    private async Task<string> ClaimTradeNumberAsync(DateTimeOffset now)
    {
        for (var attempt = 0; attempt < TradeNumberAttemptMax; attempt++)
        {
            // Shaped like the seed's examples: date + 12 digits; random so numbers reveal nothing about volumes.
            var candidate = now.ToOffset(BeijingOffset).ToString("yyyyMMdd") + RandomNumberGenerator.GetString("0123456789", 12);
            if (await GrainFactory.GetGrain<IMerchantIndexGrain>(MerchantIndexKeys.Trade(candidate)).ClaimAsync(this.GetPrimaryKeyString()))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No free trade number after {TradeNumberAttemptMax} attempts.");
    }

    private static MerchantOrderResult Validate(MerchantOrderRequest request)
    {
        if (!MoneyLimits.IsValidAmount(request.TotalFee) || !MoneyLimits.IsValidAmount(request.AmountFen))
        {
            return MerchantOrderResult.InvalidAmount;
        }

        var fieldsValid = request.OrderNumber.Length is > 0 and <= MerchantOrderRequest.OrderNumberLengthMax
            && request.Subject.Length <= MerchantOrderRequest.SubjectLengthMax
            && request.ValidFor > TimeSpan.Zero && request.ValidFor <= ValidForMax
            && request.SettlementAccount.Length > 0;
        return fieldsValid ? MerchantOrderResult.Ok : MerchantOrderResult.InvalidRequest;
    }

    private MerchantOrderReply Reply(MerchantOrderResult result) => new(result, Snapshot());

    /// <summary>Commits a changed copy of the state; on failure memory keeps what the store has (<see cref="StateWrites"/>).</summary>
    private Task ChangeAsync(Action<MerchantOrderGrainState> change)
    {
        var next = S.Clone();
        change(next);
        return state.CommitAsync(next, DeactivateOnIdle);
    }

    private MerchantOrderSnapshot Snapshot()
    {
        var succeeded = S.Refunds.Where(r => r.Status == RefundStatus.Succeeded).ToList();
        return new MerchantOrderSnapshot(
            Request.MerchantId, Request.OrderNumber, S.TradeNumber, Request.Channel, ShownStatus, Request.TotalFee, Request.Currency,
            Request.ExchangeRate, Request.AmountFen, succeeded.Sum(r => r.RefundFee), succeeded.Sum(r => r.RefundFen), Request.Subject,
            Request.NotifyUrl, Request.Echo, S.Payer, S.PayerCode, S.LastFailure, S.CreatedAt, S.ExpiresAt, S.PaidAt,
            IsExpiredUnrecorded ? S.ExpiresAt : S.EndedAt);
    }

    /// <summary>
    /// The status as the clock has it, as a trade's: a pending order past its validity is expired even before its
    /// reminder writes that down (or when a crash lost the reminder). A payment in flight may still complete, so an
    /// order with one shows pending.
    /// </summary>
    private MerchantOrderStatus ShownStatus => IsExpiredUnrecorded ? MerchantOrderStatus.Expired : S.Status;

    /// <summary>Pending, nothing in flight and past its validity: expired, though not yet stored as such.</summary>
    private bool IsExpiredUnrecorded => S.Status == MerchantOrderStatus.Pending && S.InFlight is null && Now >= S.ExpiresAt;
}
