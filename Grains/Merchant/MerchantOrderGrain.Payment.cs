using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Payment: authorise (password check or payer code), persist the intent, debit the payer, credit the merchant,
/// reverse the debit when the credit is refused. Every movement has an operation id derived from the order and the
/// attempt, so recovery may repeat any step without moving money twice.
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
            return await FailPaymentAsync(authorised);
        }

        S.PaymentAttemptCount++;
        S.Payment = new PaymentIntent(S.PaymentAttemptCount, username!, payer.PayerCode);
        await state.WriteStateAsync();
        await UpdateRecoveryReminderAsync();
        return await ContinuePaymentAsync(payer.Password, mayBeRetry: false);
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
        return verified == AccountResult.Ok ? (MerchantOrderResult.Ok, payer.Username) : (MapPayerResult(verified), null);
    }

    /// <summary>Runs the stored payment intent to its end; safe to repeat.</summary>
    private async Task<MerchantOrderReply> ContinuePaymentAsync(string? password, bool mayBeRetry)
    {
        var intent = S.Payment!;
        var payerAccount = GrainFactory.GetGrain<IAccountGrain>(intent.Payer);
        var merchantAccount = GrainFactory.GetGrain<IAccountGrain>(Request.SettlementAccount);
        var debit = await payerAccount.ApplyAsync(new AccountMovement(
            PaymentOperationId(intent, "debit"), MovementKind.PaymentOut, Request.AmountFen, Request.SettlementAccount, this.GetPrimaryKeyString(), password, mayBeRetry));
        if (debit != AccountResult.Ok)
        {
            S.Payment = null;
            return await FailPaymentAsync(MapPayerResult(debit));
        }

        var credit = await merchantAccount.ApplyAsync(new AccountMovement(
            PaymentOperationId(intent, "credit"), MovementKind.PaymentIn, Request.AmountFen, intent.Payer, this.GetPrimaryKeyString(), null, mayBeRetry));
        if (credit != AccountResult.Ok)
        {
            var reversal = await payerAccount.ApplyAsync(new AccountMovement(
                PaymentOperationId(intent, "reversal"), MovementKind.Reversal, Request.AmountFen, Request.SettlementAccount, this.GetPrimaryKeyString(), null, mayBeRetry));
            if (reversal != AccountResult.Ok)
            {
                // The payer's money is out and must come back: keep the intent so that recovery keeps trying.
                throw new InvalidOperationException($"Reversal of order {this.GetPrimaryKeyString()} attempt {intent.Attempt} was refused: {reversal}.");
            }

            S.Payment = null;
            return await FailPaymentAsync(MerchantOrderResult.MerchantAccountRefused);
        }

        var now = timeProvider.GetUtcNow();
        S.Payment = null;
        S.Status = MerchantOrderStatus.Paid;
        S.Payer = intent.Payer;
        S.PayerCode = intent.PayerCode;
        S.PaidAt = now;
        S.EndedAt = now;
        S.LastFailure = null;
        S.NotificationPending = Request.NotifyUrl is not null;
        await state.WriteStateAsync();
        await DropReminderAsync(ExpireReminder);
        await HandOverNotificationAsync();
        return Reply(MerchantOrderResult.Ok);
    }

    /// <summary>Records a payment that failed without moving money; a synchronous (bar code) order closes.</summary>
    private async Task<MerchantOrderReply> FailPaymentAsync(MerchantOrderResult failure)
    {
        S.LastFailure = failure;
        if (Request.Channel == MerchantOrderChannel.BarCode)
        {
            S.Status = MerchantOrderStatus.Closed;
            S.EndedAt = timeProvider.GetUtcNow();
        }

        await state.WriteStateAsync();
        await UpdateRecoveryReminderAsync();
        if (S.Status == MerchantOrderStatus.Closed)
        {
            await DropReminderAsync(ExpireReminder);
        }

        return Reply(failure);
    }

    private string PaymentOperationId(PaymentIntent intent, string step) => $"merchant-order:{this.GetPrimaryKeyString()}:pay:{intent.Attempt}:{step}";

    private static MerchantOrderResult MapPayerResult(AccountResult result) => result switch
    {
        AccountResult.InvalidAmount => MerchantOrderResult.InvalidAmount,
        AccountResult.NoSuchAccount => MerchantOrderResult.NoSuchPayer,
        AccountResult.BadPassword => MerchantOrderResult.BadPassword,
        AccountResult.AccountFrozen => MerchantOrderResult.PayerFrozen,
        AccountResult.InsufficientFunds => MerchantOrderResult.InsufficientFunds,
        _ => MerchantOrderResult.MerchantAccountRefused,
    };
}
