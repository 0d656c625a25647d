using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Payment: authorise (password check or payer code), then payer → the merchant's settlement account through
/// <see cref="MovementProtocol"/>. Each attempt has its own operation ids, so recovery may repeat any step without
/// moving money twice.
/// </summary>
public sealed partial class MerchantOrderGrain
{
    public async Task<MerchantOrderReply> PayAsync(PayerAuthorisation payer)
    {
        ArgumentNullException.ThrowIfNull(payer);
        if (!state.RecordExists)
        {
            return new MerchantOrderReply(MerchantOrderResult.NoSuchOrder, null);
        }

        await RecoverAsync();
        if (S.Status is MerchantOrderStatus.Paid or MerchantOrderStatus.PartiallyRefunded or MerchantOrderStatus.Refunded)
        {
            // A repeated synchronous request with the same payer code is a retry of the payment that succeeded.
            var sameCode = payer.PayerCode is not null && payer.PayerCode == S.PayerCode;
            return Reply(sameCode ? MerchantOrderResult.Ok : MerchantOrderResult.AlreadyPaid);
        }

        if (S.Status != MerchantOrderStatus.Pending)
        {
            return Reply(MerchantOrderResult.NotPayable);
        }

        if (timeProvider.GetUtcNow() >= S.ExpiresAt)
        {
            await EndUnpaidAsync(MerchantOrderStatus.Expired);
            return Reply(MerchantOrderResult.Expired);
        }

        var (authorised, username) = await AuthoriseAsync(payer);
        if (authorised != MerchantOrderResult.Ok)
        {
            await StoreFailedPaymentAsync(authorised);
            return Reply(authorised);
        }

        var intent = new PaymentIntent(S.PaymentAttemptCount + 1, username!, payer.PayerCode);
        var movement = new Movement(MovementFlow.MerchantPayment, $"merchant-order:{this.GetPrimaryKeyString()}:pay:{intent.Attempt}",
            this.GetPrimaryKeyString(), intent.Payer, Request.SettlementAccount, Request.AmountFen, MovementKind.PaymentOut,
            MovementKind.PaymentIn, timeProvider.GetUtcNow());
        var outcome = await MovementProtocol.StartAsync(GrainFactory, movement, new PaymentRecorder(this, intent));
        return Reply(PaymentResult(outcome));
    }

    private async Task<(MerchantOrderResult Result, string? Username)> AuthoriseAsync(PayerAuthorisation payer)
    {
        if (payer.PayerCode is not null)
        {
            var redemption = await GrainFactory.GetGrain<IPayerCodeGrain>(payer.PayerCode).RedeemAsync(this.GetPrimaryKeyString());
            return redemption.Result == PayerCodeResult.Ok
                ? (MerchantOrderResult.Ok, redemption.Username)
                : (MerchantOrderResult.InvalidPayerCode, null);
        }

        if (string.IsNullOrEmpty(payer.Username) || payer.Password is null)
        {
            return (MerchantOrderResult.InvalidRequest, null);
        }

        // Checked before the intent is stored, so that recovery may finish the debit without the password.
        var verified = await GrainFactory.GetGrain<IAccountGrain>(payer.Username).VerifyPasswordAsync(payer.Password);
        return verified == AccountResult.Ok ? (MerchantOrderResult.Ok, payer.Username) : (PayerRefusal(verified), null);
    }

    /// <summary>Records a payment that failed without moving money; a synchronous (bar code) order closes.</summary>
    private async Task StoreFailedPaymentAsync(MerchantOrderResult failure)
    {
        var closes = Request.Channel == MerchantOrderChannel.BarCode;
        var now = timeProvider.GetUtcNow();
        await ChangeAsync(order =>
        {
            order.InFlight = null;
            order.Payment = null;
            order.LastFailure = failure;
            if (closes)
            {
                order.Status = MerchantOrderStatus.Closed;
                order.EndedAt = now;
            }
        });
        if (closes)
        {
            await GrainReminders.TryUnregisterAsync(this, ExpireReminder, handle: null, logger);
        }
    }

    /// <summary>The payer refused the debit: the payer's reason. The merchant refused the credit: the merchant's.</summary>
    private static MerchantOrderResult PaymentResult(MovementOutcome outcome) => outcome.End switch
    {
        MovementEnd.Completed => MerchantOrderResult.Ok,
        MovementEnd.DebitRefused => PayerRefusal(outcome.Refusal),
        _ => MerchantOrderResult.MerchantAccountRefused,
    };

    private sealed class PaymentRecorder(MerchantOrderGrain grain, PaymentIntent intent) : IMovementRecorder
    {
        public Task StoreIntentAsync(Movement movement) => Task.WhenAll(grain.Recovery.ArmAsync(), grain.ChangeAsync(order =>
        {
            order.PaymentAttemptCount = intent.Attempt;
            order.Payment = intent;
            order.InFlight = movement;
        }));

        public Task StoreReversingAsync(Movement movement) => grain.ChangeAsync(order => order.InFlight = movement);

        public async Task StoreOutcomeAsync(Movement movement, MovementOutcome outcome)
        {
            if (!outcome.IsCompleted)
            {
                await grain.StoreFailedPaymentAsync(PaymentResult(outcome));
                await grain.DisarmRecoveryIfSettledAsync();
                return;
            }

            var now = grain.Now;
            await grain.ChangeAsync(order =>
            {
                order.InFlight = null;
                order.Payment = null;
                order.Status = MerchantOrderStatus.Paid;
                order.Payer = intent.Payer;
                order.PayerCode = intent.PayerCode;
                order.PaidAt = now;
                order.EndedAt = now;
                order.LastFailure = null;
                order.NotificationPending = order.Request!.NotifyUrl is not null;
            });
            // The order is paid and that is the answer; what follows is retried by the reminders if it fails.
            await GrainReminders.TryUnregisterAsync(grain, ExpireReminder, handle: null, grain.Logger);
            await grain.HandOverNotificationAsync();
        }
    }
}
