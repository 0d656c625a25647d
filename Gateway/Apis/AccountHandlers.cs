using System.Globalization;
using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Handlers of 创建账户, 绑定微信, 冻结账户 and 查询账户信息.</summary>
public static class AccountHandlers
{
    /// <summary>创建账户 (admin): opens the account; <c>initBalance</c> is optional and defaults to 0.</summary>
    public static async Task<IResult> CreateAccountAsync(PaySimRequest request, PaySimServices services)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        var password = request.RequiredString(Fields.Password, Fields.PasswordLengthMax);
        var initialBalanceFen = request.OptionalInteger(Fields.InitBalance) ?? 0;
        if (request.Error is { } error)
        {
            return error;
        }

        var account = services.Grains.ByKey<IAccountGrain>(username);
        // Long (a password hash) and not repeatable: a repeat after success answers ACCOUNT_EXISTS.
        var result = await services.Calls.LongAsync(() => account.OpenAsync(password, initialBalanceFen));
        if (result != AccountResult.Ok)
        {
            return Replies.Failure(SeedResult.AccountCreationFailed, Reasons.Of(result));
        }

        // The contract's OpenAsync answers only a result code; the openID the seed's reply needs is read right after.
        var snapshot = await services.Calls.RepeatableAsync(account.GetSnapshotAsync);
        return TypedResults.Ok(new PaySimReply { Result = ResultMessages.Text(SeedResult.AccountCreated), OpenId = snapshot!.OpenId });
    }

    /// <summary>绑定微信 (deprecated in the seed): binds the openID; the seed defines no failure text, so a missing account is 404.</summary>
    public static async Task<IResult> BindWeChatAsync(PaySimRequest request, PaySimServices services)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        var openId = request.RequiredString(Fields.OpenId, Fields.OpenIdLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        // Binding the same openID again answers as the first binding did.
        var result = await services.Calls.RepeatableAsync(() => services.Grains.ByKey<IAccountGrain>(username).BindOpenIdAsync(openId));
        return result == AccountResult.Ok ? Replies.Success(SeedResult.WeChatBound) : Replies.NotFound(Reasons.Of(result));
    }

    /// <summary>冻结账户 (admin): freezing a frozen account answers 已冻结 again; a missing account is 404.</summary>
    public static async Task<IResult> FreezeAccountAsync(PaySimRequest request, PaySimServices services)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        var result = await services.Calls.RepeatableAsync(services.Grains.ByKey<IAccountGrain>(username).FreezeAsync);
        return result == AccountResult.Ok ? Replies.Success(SeedResult.AccountFrozen) : Replies.NotFound(Reasons.Of(result));
    }

    /// <summary>查询账户信息: balance in fen; checkTimestamp is the time of the last change in Unix milliseconds.</summary>
    public static async Task<IResult> QueryAccountAsync(PaySimRequest request, PaySimServices services)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        var snapshot = await services.Calls.RepeatableAsync(services.Grains.ByKey<IAccountGrain>(username).GetSnapshotAsync);
        if (snapshot is null)
        {
            return Replies.NotFound(Reasons.NoSuchAccount);
        }

        return TypedResults.Ok(new PaySimReply
        {
            OpenId = snapshot.OpenId,
            AccountState = ResultMessages.Text(snapshot.Status),
            AccountBalanceFen = snapshot.BalanceFen,
            CheckTimestamp = snapshot.LastChangedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }
}
