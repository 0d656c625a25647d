using System.Net.Http.Json;
using System.Text.Json;
using PaySim.Gateway.Apis;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>
/// A request whose grain writes a log line: the second of two 充值 with one requestId and different sums, which the
/// account refuses as a conflict with a warning. The second is sent with a W3C traceparent of a known trace id.
/// </summary>
public static class TracedRequests
{
    public const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    public const string TraceParent = $"00-{TraceId}-00f067aa0ba902b7-01";

    /// <summary>The category of the account grain's log lines.</summary>
    public const string AccountGrainCategory = "PaySim.Grains.Accounts.AccountGrain";

    /// <summary>Makes the account grain log its conflict warning; returns the operation id the line names.</summary>
    public static async Task<string> SendConflictingDepositAsync(HttpClient client, string username)
    {
        var requestId = "trace-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal("充值成功", await DepositAsync(client, username, requestId, 100, traceParent: null));
        Assert.Equal("充值失败", await DepositAsync(client, username, requestId, 200, TraceParent));
        return requestId;
    }

    private static async Task<string?> DepositAsync(HttpClient client, string username, string requestId, long sum, string? traceParent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim")
        {
            Content = JsonContent.Create(new { method = SeedMethods.Deposit, username, sum, requestId }),
        };
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("result").GetString();
    }
}
