using System.Globalization;
using Orleans;
using Orleans.Concurrency;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>
/// Opens batches of accounts for load tests. The password is hashed once per batch (PBKDF2 at full cost, tens of
/// milliseconds), where opening the accounts one by one would pay it per account; each account is then opened by its
/// own grain with its own opening line, a bounded number at a time. Holds no state, so any silo runs it.
/// </summary>
[StatelessWorker]
[GrainType("accountopener")]
public sealed class AccountOpenerGrain : Grain, IAccountOpenerGrain
{
    /// <summary>Account openings in flight at once per batch: enough to fill a group commit, few enough not to flood the silo.</summary>
    private const int OpeningsInFlightMax = 256;

    public async Task<AccountBatchReply> OpenBatchAsync(AccountBatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refusal = Check(request);
        if (refusal != AccountBatchResult.Ok)
        {
            return new AccountBatchReply(refusal, 0, 0);
        }

        var passwordHash = PasswordHasher.Hash(request.Password);
        int opened = 0, existing = 0;
        for (var start = 0; start < request.Count; start += OpeningsInFlightMax)
        {
            var openings = Enumerable.Range(request.First + start, Math.Min(OpeningsInFlightMax, request.Count - start))
                .Select(n => GrainFactory.GetGrain<IAccountGrain>(Username(request.Prefix, n)).OpenWithHashAsync(passwordHash, request.InitialBalanceFen));
            foreach (var result in await Task.WhenAll(openings))
            {
                if (result == AccountResult.Ok)
                {
                    opened++;
                }
                else if (result == AccountResult.AlreadyExists)
                {
                    existing++;
                }
                else
                {
                    throw new InvalidOperationException($"Opening an account of a checked batch answered {result}.");
                }
            }
        }

        return new AccountBatchReply(AccountBatchResult.Ok, opened, existing);
    }

    private static string Username(string prefix, int n) => prefix + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything that would refuse an account of the batch, checked once for all of them.</summary>
    private static AccountBatchResult Check(AccountBatchRequest request)
    {
        if (request.InitialBalanceFen is < 0 or > MoneyLimits.AmountFenMax)
        {
            return AccountBatchResult.InvalidAmount;
        }

        var last = (long)request.First + request.Count - 1;
        var valid = request.Count is > 0 and <= AccountBatchRequest.CountMax && request.First >= 0 && last <= int.MaxValue
            && request.Prefix.Length > 0 && Username(request.Prefix, (int)Math.Min(last, int.MaxValue)).Length <= AccountLimits.UsernameLengthMax
            && request.Password.Length is > 0 and <= AccountLimits.PasswordLengthMax;
        return valid ? AccountBatchResult.Ok : AccountBatchResult.InvalidRequest;
    }
}
