using System.Text.Json.Nodes;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// Seed 001 reply envelopes: <c>result</c> says whether the request itself was accepted (signature, merchant, JSON);
/// <c>data</c> carries the business outcome. PaySim adds a <c>reason</c> in plain words next to every FAIL.
/// </summary>
public static class FufuReplies
{
    /// <summary>The request itself was refused: no data part.</summary>
    public static IResult Refused(string code, string reason) => Json(new JsonObject
    {
        ["result"] = new JsonObject { ["return_code"] = MerchantResultCodes.Fail, ["return_msg"] = code, ["reason"] = reason },
    });

    /// <summary>The request was accepted; <paramref name="data"/> holds the outcome.</summary>
    public static IResult Accepted(JsonObject data) => Json(FufuEnvelope.Of(data));

    /// <summary>The request was accepted and the business operation failed.</summary>
    public static IResult Failed(string code, string reason, JsonObject? fields = null)
    {
        var data = new JsonObject { ["return_code"] = MerchantResultCodes.Fail, ["return_msg"] = code, ["reason"] = reason };
        foreach (var (name, value) in fields ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return Accepted(data);
    }

    /// <summary>A data part that starts with SUCCESS.</summary>
    public static JsonObject SuccessData() => FufuEnvelope.SuccessData();

    private static IResult Json(JsonObject body) => Results.Text(FufuEnvelope.Serialize(body), "application/json; charset=utf-8");
}
