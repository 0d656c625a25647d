using System.Globalization;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Payment: authorise (password check or payer code), then payer → the merchant's settlement account through
/// the movement runner. Each attempt has its own operation ids, so recovery may repeat any step without moving money
/// twice.
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
            // An order whose expiry is stored answers as the attempt that found it expired did: ORDER_EXPIRED, 订单已过期.
            return Reply(S.Status == MerchantOrderStatus.Expired ? MerchantOrderResult.Expired : MerchantOrderResult.NotPayable);
        }

        if (timeProvider.GetUtcNow() >= S.ExpiresAt)
        {
            await EndUnpaidAsync(MerchantOrderStatus.Expired);
            return Reply(MerchantOrderResult.Expired);
        }

        var (authorised, username) = await AuthoriseAsync(payer);
        if (authorised == MerchantOrderResult.Ok && username == Request.SettlementAccount)
        {
            authorised = MerchantOrderResult.PayerIsMerchant;
        }

        if (authorised != MerchantOrderResult.Ok)
        {
            await StoreFailedPaymentAsync(authorised);
            return Reply(authorised);
        }

        var intent = new PaymentIntent(S.PaymentAttemptCount + 1, username!, payer.PayerCode);
        var movement = new MovementRequest(MovementFlow.MerchantPayment, intent.Attempt.ToString(CultureInfo.InvariantCulture),
            intent.Payer, Request.SettlementAccount, Request.AmountFen, MovementKind.PaymentOut, MovementKind.PaymentIn);
        var outcome = await Runner.StartAsync(movement, order =>
        {
            order.PaymentAttemptCount = intent.Attempt;
            order.Payment = intent;
        });
        return Reply(PaymentResult(outcome));
    }

    private async Task<(MerchantOrderResult Result, string? Username)> AuthoriseAsync(PayerAuthorisation payer)
    {
        if (payer.PayerCode is not null)
        {
            var redemption = await GrainFactory.GetPayerCodeGrain(payer.PayerCode).RedeemAsync(this.GetPrimaryKeyString());
            return redemption.Result == PayerCodeResult.Ok
                ? (MerchantOrderResult.Ok, redemption.Username)
                : (MerchantOrderResult.InvalidPayerCode, null);
        }

        if (!GrainReferences.CanName(payer.Username) || payer.Password is null)
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
        var next = S.Clone();
        RecordFailedPayment(next, failure);
        await state.CommitAsync(next, DeactivateOnIdle);
        await DropExpiryReminderIfEndedAsync();
    }

    private void RecordFailedPayment(MerchantOrderGrainState next, MerchantOrderResult failure)
    {
        next.InFlight = null;
        next.Payment = null;
        next.LastFailure = failure;
        if (Request.Channel == MerchantOrderChannel.BarCode)
        {
            next.Status = MerchantOrderStatus.Closed;
            next.EndedAt = Now;
        }
    }

    private void RecordPaid(MerchantOrderGrainState next)
    {
        var now = Now;
        next.Status = MerchantOrderStatus.Paid;
        next.Payer = next.Payment!.Payer;
        next.PayerCode = next.Payment.PayerCode;
        next.Payment = null;
        next.PaidAt = now;
        next.EndedAt = now;
        next.LastFailure = null;
        next.NotificationPending = next.Request!.NotifyUrl is not null;
    }

    /// <summary>An order that has ended (paid, closed) drops its expiry reminder; a failure is logged, never thrown.</summary>
    private Task DropExpiryReminderIfEndedAsync() => S.Status == MerchantOrderStatus.Pending
        ? Task.CompletedTask
        : GrainReminders.TryUnregisterAsync(this, ExpireReminder, handle: null, logger);

    /// <summary>The payer refused the debit: the payer's reason. The merchant refused the credit: the merchant's.</summary>
    private static MerchantOrderResult PaymentResult(MovementOutcome outcome) => outcome.End switch
    {
        MovementEnd.Completed => MerchantOrderResult.Ok,
        MovementEnd.DebitRefused => PayerRefusal(outcome.Refusal),
        _ => MerchantOrderResult.MerchantAccountRefused,
    };
}
