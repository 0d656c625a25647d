using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Handlers of 发起交易, 支付交易 and 查询交易.</summary>
public static class TradeHandlers
{
    /// <summary>发起交易: <c>timeLimit</c> is in minutes, 1 to <see cref="TradeLimits.TimeLimitMinutesMax"/>.</summary>
    public static async Task<IResult> CreateTradeAsync(PaySimRequest request, PaySimServices services)
    {
        var target = request.RequiredString(Fields.Target, Fields.UsernameLengthMax);
        var source = request.RequiredString(Fields.Source, Fields.UsernameLengthMax);
        var tradeId = request.RequiredString(Fields.TradeId, Fields.TradeIdLengthMax);
        var amountFen = request.RequiredInteger(Fields.Sum);
        var timeLimitMinutes = request.RequiredInteger(Fields.TimeLimit);
        if (request.Error is { } error)
        {
            return error;
        }

        // Not repeatable: a repeat after success answers TRADE_ID_TAKEN.
        var trade = new TradeRequest(source, target, amountFen, timeLimitMinutes);
        var creation = await services.Calls.OnceAsync(() => services.Grains.GetGrain<ITradeGrain>(tradeId).CreateAsync(trade));
        return creation.Result == TradeResult.Ok
            ? TypedResults.Ok(new PaySimReply { Result = ResultMessages.Text(SeedResult.TradeCreated), TransactionId = creation.TransactionId })
            : Replies.Failure(SeedResult.TradeCreationFailed, Reasons.Of(creation.Result));
    }

    public static async Task<IResult> PayTradeAsync(PaySimRequest request, PaySimServices services)
    {
        var tradeId = request.RequiredString(Fields.TradeId, Fields.TradeIdLengthMax);
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        var password = request.RequiredString(Fields.Password, Fields.PasswordLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        // Not repeatable: a repeat after success answers ALREADY_PAID (查询交易 tells the outcome of an unanswered payment).
        var result = await services.Calls.OnceAsync(() => services.Grains.GetGrain<ITradeGrain>(tradeId).PayAsync(username, password));
        return result == TradeResult.Ok
            ? Replies.Success(SeedResult.PaymentSucceeded)
            : Replies.Failure(SeedResult.PaymentFailed, Reasons.Of(result));
    }

    /// <summary>查询交易: the seed defines no failure text, so an unknown tradeID is 404.</summary>
    public static async Task<IResult> QueryTradeAsync(PaySimRequest request, PaySimServices services)
    {
        var tradeId = request.RequiredString(Fields.TradeId, Fields.TradeIdLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        var snapshot = await services.Calls.RepeatableAsync(services.Grains.GetGrain<ITradeGrain>(tradeId).GetSnapshotAsync);
        if (snapshot is null)
        {
            return Replies.NotFound(Reasons.NoSuchTrade);
        }

        return TypedResults.Ok(new PaySimReply
        {
            TransactionId = snapshot.TransactionId,
            TradeId = snapshot.TradeId,
            TradeState = ResultMessages.Text(snapshot.State),
            Source = snapshot.Source,
            Target = snapshot.Target,
        });
    }
}
