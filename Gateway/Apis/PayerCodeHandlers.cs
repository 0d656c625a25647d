using System.Globalization;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>Handler of 获取付款码, the method PaySim adds for payers of merchant orders (seed 001's bar-code payment).</summary>
public static class PayerCodeHandlers
{
    /// <summary>
    /// 获取付款码: checks the password and issues an 18-digit one-time payer code, valid for 60 seconds, that a merchant
    /// scans as seed 001's auth_code; expireTimestamp is its end in Unix milliseconds.
    /// </summary>
    public static async Task<IResult> GetPayerCodeAsync(PaySimRequest request, PaySimServices services)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        var password = request.RequiredString(Fields.Password, Fields.PasswordLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        var (result, code, expiresAt) = await PayerCodes.IssueAsync(services.Grains, services.Calls, username, password);
        if (result != PayerCodeResult.Ok)
        {
            return Replies.Failure(SeedResult.PayerCodeFailed, Reasons.Of(result));
        }

        return TypedResults.Ok(new PaySimReply
        {
            Result = ResultMessages.Text(SeedResult.PayerCodeIssued),
            PayerCode = code,
            ExpireTimestamp = expiresAt!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }
}
