using Microsoft.AspNetCore.Http.HttpResults;

namespace PaySim.Gateway.Apis;

/// <summary>
/// The shapes of answers: business outcomes are 200 with the seed's result text (and a reason when it failed);
/// a lookup of something that does not exist, for methods whose seed table has no failure text, is 404 with a reason.
/// </summary>
public static class Replies
{
    public static Ok<PaySimReply> Success(SeedResult result) =>
        TypedResults.Ok(new PaySimReply { Result = ResultMessages.Text(result) });

    public static Ok<PaySimReply> Failure(SeedResult result, string reason) =>
        TypedResults.Ok(new PaySimReply { Result = ResultMessages.Text(result), Reason = reason });

    public static NotFound<PaySimReply> NotFound(string reason) =>
        TypedResults.NotFound(new PaySimReply { Reason = reason });
}
