using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaySim.Wire;

/// <summary>
/// Seed 001's JSON envelope: <c>result</c> says whether the request itself was accepted, <c>data</c> carries the
/// business outcome. Replies and notifications share it.
/// </summary>
public static class FufuEnvelope
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An accepted request's envelope around <paramref name="data"/>.</summary>
    public static JsonObject Of(JsonObject data) => new()
    {
        ["result"] = new JsonObject { ["return_msg"] = MerchantResultCodes.Ok, ["return_code"] = MerchantResultCodes.Success },
        ["data"] = data,
    };

    /// <summary>A data part that starts with SUCCESS.</summary>
    public static JsonObject SuccessData() => new() { ["return_code"] = MerchantResultCodes.Success, ["return_msg"] = MerchantResultCodes.Ok };

    /// <summary>The text sent: non-ASCII (Chinese subjects) as UTF-8, not \u escapes.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(JsonOptions);
}
