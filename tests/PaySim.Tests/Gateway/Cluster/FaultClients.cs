using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Tests.Gateway.Merchant;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// HTTP clients of every gateway of a cluster, as a client application would use them: seed 000's POST /PaySim and
/// seed 001's signed /gateway/pay/* requests. While <see cref="Recording"/>, every answer goes into
/// <see cref="Answers"/> with its send and answer time on <see cref="Clock"/>.
/// </summary>
public sealed class FaultClients(IReadOnlyList<Uri> gateways, string adminToken) : IDisposable
{
    /// <summary>Far beyond the gateway's 3 s budget: a request this slow is recorded as unanswered, not waited for.</summary>
    private static readonly TimeSpan ClientTimeoutMax = TimeSpan.FromSeconds(10);

    /// <summary>How long a settling retry keeps asking while the answer is 503.</summary>
    private static readonly TimeSpan SettleTimeoutMax = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SettlePause = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient[] _clients = [.. gateways.Select(address => new HttpClient { BaseAddress = address, Timeout = ClientTimeoutMax })];

    private long _lastSignedAtMs;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public ConcurrentQueue<GatewayAnswer> Answers { get; } = new();

    public bool Recording { get; set; }

    public int GatewayCount => _clients.Length;

    /// <summary>POST /PaySim to gateway <paramref name="gateway"/> (0-based), with the admin token when asked.</summary>
    public Task<GatewayAnswer> PaySimAsync(int gateway, object body, bool admin = false)
    {
        var method = body.GetType().GetProperty("method")?.GetValue(body) as string ?? "?";
        return SendAsync(gateway, method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim") { Content = JsonContent.Create(body) };
            if (admin)
            {
                request.Headers.Add(AdminCredential.HeaderName, adminToken);
            }

            return request;
        });
    }

    /// <summary>A seed 001 request, signed afresh at every send: the merchant grain refuses a digest it has seen.</summary>
    public Task<GatewayAnswer> FufuAsync(int gateway, string operation, string body, string key) =>
        SendAsync(gateway, operation, () => new HttpRequestMessage(HttpMethod.Post, $"/gateway/pay/{operation}?sign={FufuSigning.Sign(NextSignedAtMs(), key, body)}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

    /// <summary>POST /admin/merchants: a merchant settling to <paramref name="settlementAccount"/>.</summary>
    public Task<MerchantCredentials> RegisterMerchantAsync(string name, string settlementAccount) =>
        FufuRequests.RegisterMerchantAsync(_clients[0], adminToken, name, settlementAccount);

    /// <summary>
    /// Sends a request until it is answered with an outcome, across the gateways in turn, as a client retries a 503;
    /// any answer other than 200 or 503 with a reason fails the test.
    /// </summary>
    public async Task<GatewayAnswer> SettledAsync(Func<int, Task<GatewayAnswer>> send)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var answer = await send(attempt % _clients.Length);
            if (answer.IsOutcome)
            {
                return answer;
            }

            Assert.True(answer.IsRetryable, $"Neither an outcome nor a 503 with a reason: {answer}");
            Assert.True(deadline.Elapsed < SettleTimeoutMax, $"Still 503 after {SettleTimeoutMax.TotalSeconds} s: {answer}");
            await Task.Delay(SettlePause);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task<GatewayAnswer> SendAsync(int gateway, string what, Func<HttpRequestMessage> request)
    {
        var sentAt = Clock.Elapsed;
        GatewayAnswer answer;
        try
        {
            using var message = request();
            using var response = await _clients[gateway].SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            answer = new GatewayAnswer(gateway + 1, what, sentAt, Clock.Elapsed, response.StatusCode, ParseOrEmpty(text), text);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            answer = new GatewayAnswer(gateway + 1, what, sentAt, Clock.Elapsed, null, default, exception.Message);
        }

        if (Recording)
        {
            Answers.Enqueue(answer);
        }

        return answer;
    }

    /// <summary>A signing timestamp later than every earlier one, so no two requests share a digest.</summary>
    private long NextSignedAtMs()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastSignedAtMs);
            var next = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), last + 1);
            if (Interlocked.CompareExchange(ref _lastSignedAtMs, next, last) == last)
            {
                return next;
            }
        }
    }

    private static JsonElement ParseOrEmpty(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
