using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Handlers of methods PaySim adds for its administrators.</summary>
public static class AdminHandlers
{
    /// <summary>对账 (admin): scans every balance and ledger line and reports whether the books agree.</summary>
    public static async Task<IResult> ReconcileAsync(PaySimRequest request, PaySimServices services)
    {
        // Long by design (it scans the whole store): Orleans' response timeout, never repeated.
        var report = await services.Calls.LongAsync(services.Grains.GetGrain<IReconciliationGrain>(0).RunAsync);
        return TypedResults.Ok(report);
    }

    /// <summary>
    /// 批量创建账户 (admin): opens <c>count</c> accounts named <c>{prefix}{first}</c>… (first defaults to 1) with one
    /// password and <c>initBalance</c> each; accounts that exist already are left as they are and counted apart.
    /// </summary>
    public static async Task<IResult> CreateAccountsAsync(PaySimRequest request, PaySimServices services)
    {
        var prefix = request.RequiredString(Fields.Prefix, Fields.UsernameLengthMax);
        var first = request.OptionalInteger(Fields.First) ?? 1;
        var count = request.RequiredInteger(Fields.Count);
        var password = request.RequiredString(Fields.Password, Fields.PasswordLengthMax);
        var initialBalanceFen = request.OptionalInteger(Fields.InitBalance) ?? 0;
        if (request.Error is { } error)
        {
            return error;
        }

        if (first is < 0 or > int.MaxValue || count is < 1 or > AccountBatchRequest.CountMax)
        {
            return Replies.Failure(SeedResult.AccountCreationFailed, Reasons.InvalidBatch);
        }

        // Long: a batch of 10,000 takes seconds; not repeated, since a repeat would count the accounts as existing.
        var batch = new AccountBatchRequest(prefix, (int)first, (int)count, password, initialBalanceFen);
        var reply = await services.Calls.LongAsync(() => services.Grains.GetGrain<IAccountOpenerGrain>(0).OpenBatchAsync(batch));
        return reply.Result == AccountBatchResult.Ok
            ? TypedResults.Ok(new PaySimReply { Result = ResultMessages.Text(SeedResult.AccountCreated), Opened = reply.Opened, Existing = reply.Existing })
            : Replies.Failure(SeedResult.AccountCreationFailed, reply.Result == AccountBatchResult.InvalidAmount ? "INVALID_AMOUNT" : Reasons.InvalidBatch);
    }
}
