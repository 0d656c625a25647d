using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// A one-time payer code. Holding it is the payer's authorisation for one payment, which is why it is issued only
/// after a password check, lives briefly and is redeemed once. It calls only the account (which calls no grain).
/// </summary>
[GrainType("payercode")]
public sealed class PayerCodeGrain(
    [PersistentState("payercode", StorageNames.Documents)] IPersistentState<PayerCodeState> state,
    TimeProvider timeProvider) : Grain, IPayerCodeGrain
{
    /// <summary>How long a code may be redeemed: as long as a wallet shows one before refreshing it.</summary>
    public static readonly TimeSpan ValidFor = TimeSpan.FromSeconds(60);

    /// <summary>Digits of a code, as the seed's auth_code examples.</summary>
    public const int CodeLength = MerchantLimits.PayerCodeLength;

    public async Task<PayerCodeIssue> IssueAsync(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        if (!GrainReferences.CanName(username))
        {
            return new PayerCodeIssue(PayerCodeResult.NoSuchAccount, null);
        }

        var account = GrainFactory.GetGrain<IAccountGrain>(username);
        var verified = await account.VerifyPasswordAsync(password);
        if (verified != AccountResult.Ok)
        {
            return new PayerCodeIssue(verified == AccountResult.NoSuchAccount ? PayerCodeResult.NoSuchAccount : PayerCodeResult.BadPassword, null);
        }

        // Only after the password check, so that the answer tells a stranger nothing about the account.
        if ((await account.GetSnapshotAsync())?.Status != AccountStatus.Active)
        {
            return new PayerCodeIssue(PayerCodeResult.AccountFrozen, null);
        }

        if (state.RecordExists)
        {
            return new PayerCodeIssue(PayerCodeResult.CodeUnavailable, null);
        }

        var expiresAt = timeProvider.GetUtcNow() + ValidFor;
        await state.CommitAsync(new PayerCodeState { Username = username, ExpiresAt = expiresAt }, DeactivateOnIdle);
        return new PayerCodeIssue(PayerCodeResult.Ok, expiresAt);
    }

    public async Task<PayerCodeRedemption> RedeemAsync(string orderKey)
    {
        ArgumentNullException.ThrowIfNull(orderKey);
        if (!state.RecordExists)
        {
            return new PayerCodeRedemption(PayerCodeResult.CodeUnavailable, null);
        }

        if (state.State.RedeemedBy is not null)
        {
            return state.State.RedeemedBy == orderKey
                ? new PayerCodeRedemption(PayerCodeResult.Ok, state.State.Username)
                : new PayerCodeRedemption(PayerCodeResult.AlreadyUsed, null);
        }

        if (timeProvider.GetUtcNow() >= state.State.ExpiresAt)
        {
            return new PayerCodeRedemption(PayerCodeResult.Expired, null);
        }

        // Redeemed in memory only once the store holds it: a redemption that lived in memory alone would pay its order
        // on a retry and, once the activation is gone, let the code be redeemed again by another order.
        var redeemed = state.State.Clone();
        redeemed.RedeemedBy = orderKey;
        await state.CommitAsync(redeemed, DeactivateOnIdle);
        return new PayerCodeRedemption(PayerCodeResult.Ok, state.State.Username);
    }
}
