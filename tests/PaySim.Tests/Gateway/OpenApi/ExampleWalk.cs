using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Tests.Gateway.Merchant;

namespace PaySim.Tests.Gateway.OpenApi;

/// <summary>
/// Turns the document's examples into requests as a client following the document would send them. Only what the
/// document says must be the caller's own is replaced: the merchant id (busi_id, uid), signatures and keys (computed
/// with the registered merchant's secrets), the payer code and trade number earlier answers gave, and the time.
/// Everything else is sent exactly as documented.
/// </summary>
internal sealed class ExampleWalk(PaySimApiFixture fixture)
{
    /// <summary>Seed 001 §2.6: an order can be cancelled only 15 s after it was created.</summary>
    private static readonly TimeSpan CancelDelay = TimeSpan.FromSeconds(20);

    private string _merchantId = "", _merchantKey = "", _merchantToken = "", _payerCode = "", _tradeNumber = "";

    public IEnumerable<(string Name, HttpRequestMessage Request)> Requests(string operationKey, JsonNode operation)
    {
        var method = new HttpMethod(operationKey[..operationKey.IndexOf(' ')]);
        var path = operationKey[(operationKey.IndexOf(' ') + 1)..];
        var admin = operation["security"]?.AsArray().Any(requirement => requirement!.AsObject().ContainsKey("AdminToken")) ?? false;
        if (operation["requestBody"]?["content"] is not JsonObject bodies)
        {
            yield return ("parameters", Build(method, path, Query(path, operation, ""), null, admin));
            yield break;
        }

        foreach (var (mediaType, media) in bodies)
        {
            foreach (var (name, example) in media!["examples"]!.AsObject())
            {
                var value = example!["value"]!.DeepClone().AsObject();
                HttpContent content = mediaType == "application/json" ? JsonBody(value, out var text) : FormBody(path, value, out text);
                yield return (name, Build(method, path, Query(path, operation, text), content, admin));
            }
        }
    }

    /// <summary>Keeps what later examples need from an answer.</summary>
    public void Remember(string operationKey, string exampleName, JsonNode answer)
    {
        switch (operationKey, exampleName)
        {
            case ("POST /admin/merchants", _):
                (_merchantId, _merchantKey, _merchantToken) = (Text(answer["busi_id"]), Text(answer["key"]), Text(answer["token"]));
                break;
            case ("POST /PaySim", SeedMethods.GetPayerCode):
                _payerCode = Text(answer["payerCode"]);
                break;
            case ("POST /gateway/pay/preOrder", "qrcode"):
                _tradeNumber = Text(answer["data"]!["trade_no"]);
                break;
        }
    }

    public void AfterSending(string operationKey)
    {
        if (operationKey == "POST /gateway/pay/preOrder")
        {
            fixture.Clock.Advance(CancelDelay);
        }
    }

    private HttpRequestMessage Build(HttpMethod method, string path, string query, HttpContent? content, bool admin)
    {
        var request = new HttpRequestMessage(method, path + query) { Content = content };
        if (admin)
        {
            request.Headers.Add(AdminCredential.HeaderName, PaySimApiFixture.AdminToken);
        }

        return request;
    }

    private StringContent JsonBody(JsonObject body, out string text)
    {
        Replace(body, "busi_id", _merchantId);
        Replace(body, "auth_code", _payerCode);
        text = body.ToJsonString();
        return new StringContent(text, Encoding.UTF8, "application/json");
    }

    private FormUrlEncodedContent FormBody(string path, JsonObject body, out string text)
    {
        Replace(body, "uid", _merchantId);
        Replace(body, "tradeNo", _tradeNumber);
        var form = body.ToDictionary(pair => pair.Key, pair => Text(pair.Value), StringComparer.Ordinal);
        if (path == "/pay.action")
        {
            form["key"] = Md5Signature.Compute(AggregatorSignature.PayPrefix(form), _merchantToken, "");
        }

        text = "";
        return new FormUrlEncodedContent(form);
    }

    /// <summary>The query string from the documented parameters' examples; <paramref name="body"/> is what a sign covers.</summary>
    private string Query(string path, JsonNode operation, string body)
    {
        var values = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var name = Text(parameter!["name"]);
            var now = fixture.Clock.GetUtcNow();
            var beijingTime = now.ToOffset(MerchantTime.BeijingOffset).ToString(AggregatorApi.RequestTimeFormat, CultureInfo.InvariantCulture);
            var value = (path, name) switch
            {
                (_, "sign") => FufuSigning.Sign(now.ToUnixTimeMilliseconds(), _merchantKey, body),
                (_, "uid" or "id") => _merchantId,
                (_, "tradeNo") => _tradeNumber,
                (_, "reqtime") => beijingTime,
                ("/requstOrderStatus.action", "key") => Md5Signature.Compute(AggregatorSignature.OrderStatusPrefix(Example(operation, "orderid"), _merchantId), _merchantToken, ""),
                ("/requstBalance.action", "key") => Md5Signature.Compute(AggregatorSignature.BalancePrefix(_merchantId, beijingTime), _merchantToken, ""),
                _ => Text(parameter["example"]),
            };
            values.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        }

        return values.Count == 0 ? "" : "?" + string.Join("&", values);
    }

    private static string Example(JsonNode operation, string parameterName) =>
        Text(operation["parameters"]!.AsArray().Single(parameter => Text(parameter!["name"]) == parameterName)!["example"]);

    private static void Replace(JsonObject body, string name, string value)
    {
        if (body.ContainsKey(name))
        {
            body[name] = value;
        }
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
