using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// One one-time payer code (付款码), keyed by the digest of its 18 digits (<see cref="PayerCodeGrains.GetPayerCodeGrain"/>,
/// never the digits themselves): issued to an account after its password was checked, valid for a short time, redeemed
/// by at most one merchant order.
/// </summary>
[Alias("paysim.IPayerCodeGrain")]
public interface IPayerCodeGrain : IGrainWithStringKey
{
    /// <summary>Issues this code to an account; refused when the password is wrong, the account frozen or the code taken.</summary>
    Task<PayerCodeIssue> IssueAsync(string username, string password);

    /// <summary>Redeems the code for one order; the same order redeeming again gets the same answer.</summary>
    Task<PayerCodeRedemption> RedeemAsync(string orderKey);
}

/// <summary>The outcome of issuing a code; <paramref name="ExpiresAt"/> is set on success.</summary>
[GenerateSerializer, Immutable, Alias("paysim.PayerCodeIssue")]
public sealed record PayerCodeIssue(PayerCodeResult Result, DateTimeOffset? ExpiresAt);

/// <summary>The outcome of redeeming a code; <paramref name="Username"/> is the payer on success.</summary>
[GenerateSerializer, Immutable, Alias("paysim.PayerCodeRedemption")]
public sealed record PayerCodeRedemption(PayerCodeResult Result, string? Username);

/// <summary>Outcomes of payer code operations, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.PayerCodeResult")]
public enum PayerCodeResult
{
    /// <summary>Issued, or redeemed for this order.</summary>
    Ok,

    /// <summary>The account does not exist.</summary>
    NoSuchAccount,

    /// <summary>The password does not match.</summary>
    BadPassword,

    /// <summary>The account is frozen: it could not pay, so it gets no code.</summary>
    AccountFrozen,

    /// <summary>The code is already issued (try another) or was never issued (on redeem).</summary>
    CodeUnavailable,

    /// <summary>The code is past its validity.</summary>
    Expired,

    /// <summary>The code was already redeemed by another order.</summary>
    AlreadyUsed,
}
