using System.Net;
using System.Text.Json;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// One request to one gateway and its answer, with when it was sent and answered on the fault test's clock. A request
/// that got no HTTP answer at all (the client gave up, the connection broke) has no <see cref="Status"/>.
/// </summary>
public sealed record GatewayAnswer(int Gateway, string What, TimeSpan SentAt, TimeSpan AnsweredAt, HttpStatusCode? Status, JsonElement Body, string Text)
{
    public TimeSpan Latency => AnsweredAt - SentAt;

    /// <summary>200: the business outcome (for the merchant API, success or a business failure inside the reply).</summary>
    public bool IsOutcome => Status == HttpStatusCode.OK && !IsFufuException;

    /// <summary>
    /// 503 with a reason, or the merchant API's request-level <c>EXCEPTION</c> with one (that API answers everything
    /// with 200): the edge could not learn the outcome in time, and a retry with the same id is safe.
    /// </summary>
    public bool IsRetryable => (Status == HttpStatusCode.ServiceUnavailable && !string.IsNullOrEmpty(this["reason"])) || IsFufuException;

    private bool IsFufuException =>
        Status == HttpStatusCode.OK && this["result.return_msg"] == "EXCEPTION" && !string.IsNullOrEmpty(this["result.reason"]);

    /// <summary>A field of the JSON body by a dotted path (<c>data.state</c>), as text; null when absent.</summary>
    public string? this[string path]
    {
        get
        {
            var element = Body;
            foreach (var name in path.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }

            return element.ToString();
        }
    }

    public override string ToString() =>
        $"{What} via gateway {Gateway}, sent at {SentAt.TotalMilliseconds:F0} ms, answered after {Latency.TotalMilliseconds:F0} ms: {(Status is { } status ? (int)status : "no answer")} {Text}";
}
