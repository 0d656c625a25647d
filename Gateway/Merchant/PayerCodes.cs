using System.Security.Cryptography;
using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using PaySim.Gateway.Apis;

namespace PaySim.Gateway.Merchant;

/// <summary>Issues one-time payer codes: shared by the cashier page and the POST /PaySim method 获取付款码.</summary>
public static class PayerCodes
{
    /// <summary>Fresh codes tried before giving up; a collision among 10^16 codes is already unlikely once.</summary>
    private const int AttemptMax = 5;

    /// <summary>The prefix of every code, as wallets' payer codes start with a fixed pair of digits.</summary>
    private const string Prefix = "28";

    /// <summary>Picks a fresh code and issues it to the account; <see cref="PayerCodeResult.CodeUnavailable"/> when none was free.</summary>
    public static async Task<(PayerCodeResult Result, string? Code, DateTimeOffset? ExpiresAt)> IssueAsync(
        IGrainFactory grains, GrainCalls calls, string username, string password)
    {
        for (var attempt = 0; attempt < AttemptMax; attempt++)
        {
            var code = Prefix + RandomNumberGenerator.GetString("0123456789", MerchantLimits.PayerCodeLength - Prefix.Length);
            // Once: issuing checks a password and claims the code; its repeat is not known to answer as the first did.
            var issue = await calls.OnceAsync(() => grains.GetPayerCodeGrain(code).IssueAsync(username, password));
            if (issue.Result != PayerCodeResult.CodeUnavailable)
            {
                return (issue.Result, issue.Result == PayerCodeResult.Ok ? code : null, issue.ExpiresAt);
            }
        }

        return (PayerCodeResult.CodeUnavailable, null, null);
    }
}
