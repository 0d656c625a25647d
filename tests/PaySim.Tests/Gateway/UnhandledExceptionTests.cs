using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Reflection;
using Orleans;

using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>Infrastructure failures reach the client as 503 with a reason, never as 500.</summary>
public sealed class UnhandledExceptionTests
{
    [Theory]
    [InlineData(typeof(TimeoutException), "TIMEOUT")]
    [InlineData(typeof(InvalidOperationException), "UNAVAILABLE")]
    [InlineData(typeof(Orleans.Runtime.SiloUnavailableException), "UNAVAILABLE")]
    [InlineData(typeof(Orleans.Storage.InconsistentStateException), "CONCURRENT_UPDATE")]
    [InlineData(typeof(PaySim.Grains.Interfaces.StoreUnavailableException), "STORE_UNAVAILABLE")]
    public async Task FailingGrainCall_Answers503WithAReason(Type exceptionType, string reason)
    {
        await using var node = new FailingNode((Exception)Activator.CreateInstance(exceptionType)!);

        var response = await node.Client.PostAsJsonAsync("/PaySim", new { method = "查询账户信息", username = "u" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["reason"]);
    }

    /// <summary>Seed 001 answers everything with HTTP 200 and a result part; its clients parse nothing else.</summary>
    [Fact]
    public async Task FailingGrainCall_OnSeed001_AnswersItsExceptionCode_WithHttp200()
    {
        await using var node = new FailingNode(new TimeoutException());
        var sign = new string('0', 32) + ":" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await node.Client.PostAsync($"/gateway/pay/query?sign={sign}", new StringContent("""{"busi_id":"1","out_trade_no":"x"}"""));
        using var reply = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = reply.RootElement.GetProperty("result");
        Assert.Equal(("FAIL", "EXCEPTION"), (result.GetProperty("return_code").GetString(), result.GetProperty("return_msg").GetString()));
        Assert.StartsWith("TIMEOUT", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The cashier's forms are posted by a browser: it is shown the cashier's error page, not JSON.</summary>
    [Fact]
    public async Task FailingGrainCall_OnTheCashier_AnswersAnErrorPage()
    {
        await using var node = new FailingNode(new TimeoutException());

        var response = await node.Client.PostAsync("/online/pay/payer-code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "u", ["password"] = "p",
        }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(PaySim.Gateway.Merchant.CashierTexts.TryAgain, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A gateway no silo answers is alive (/health) but not ready: a load balancer sends it nothing.</summary>
    [Theory]
    [InlineData(typeof(TimeoutException), "TIMEOUT")]
    [InlineData(typeof(Orleans.Runtime.SiloUnavailableException), "UNAVAILABLE")]
    public async Task FailingGrainCalls_LeaveTheGatewayAlive_ButNotReady(Type exceptionType, string reason)
    {
        await using var node = new FailingNode((Exception)Activator.CreateInstance(exceptionType)!);

        var live = await node.Client.GetAsync("/health");
        var ready = await node.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(reason, (await ready.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["reason"]);
    }

    /// <summary>
    /// A client that went away mid-request (reset, or a body cut short) is no failure of PaySim's: were it logged as
    /// one, any client could fill the Error log. A failure of PaySim's own stays an Error though its client left.
    /// </summary>
    [Fact]
    public async Task AClientThatWentAway_IsLoggedAtDebug_AndNotAnswered_UnlessTheFailureIsPaySims()
    {
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var handler = new PaySim.Gateway.Hosting.UnhandledExceptionHandler(loggers.CreateLogger<PaySim.Gateway.Hosting.UnhandledExceptionHandler>());
        static DefaultHttpContext Gone()
        {
            var context = new DefaultHttpContext { RequestAborted = new CancellationToken(canceled: true) };
            context.Request.Path = "/PaySim";
            context.Response.Body = new MemoryStream();
            return context;
        }

        var reset = Gone();
        var cutShort = Gone();
        var failed = Gone();
        Assert.True(await handler.TryHandleAsync(reset, new Microsoft.AspNetCore.Connections.ConnectionResetException("reset by peer"), CancellationToken.None));
        Assert.True(await handler.TryHandleAsync(cutShort, new BadHttpRequestException("Unexpected end of request content."), CancellationToken.None));
        Assert.True(await handler.TryHandleAsync(failed, new TimeoutException("no answer"), CancellationToken.None));

        Assert.All([reset, cutShort, failed], context => Assert.Equal(0, context.Response.Body.Length));
        Assert.Equal([LogLevel.Debug, LogLevel.Debug, LogLevel.Error], logs.Lines.Select(line => line.Level));
    }

    /// <summary>A body Kestrel could not read (a malformed chunk) is answered in the shape of the API it was sent to.</summary>
    [Theory]
    [InlineData("/gateway/pay/query", 400, 200, "ILLEGAL_PARAMETER")]
    [InlineData("/pay.action", 400, 400, "请求无效")]
    [InlineData("/PaySim", 400, 400, "MALFORMED_JSON")]
    // A body shorter than its Content-Length: Kestrel gives up waiting for the rest.
    [InlineData("/PaySim", 408, 408, "BODY_TIMEOUT")]
    [InlineData("/PaySim", 413, 413, "BODY_TOO_LARGE")]
    public async Task ABodyKestrelCouldNotRead_IsAnsweredAsThatApiAnswersBadInput(string path, int kestrelStatus, int status, string expected)
    {
        var handler = new PaySim.Gateway.Hosting.UnhandledExceptionHandler(Microsoft.Extensions.Logging.Abstractions.NullLogger<PaySim.Gateway.Hosting.UnhandledExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError; // as the exception handler middleware leaves it

        Assert.True(await handler.TryHandleAsync(context, new BadHttpRequestException("Bad chunk size data.", kestrelStatus), CancellationToken.None));

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Contains(expected, System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()), StringComparison.Ordinal);
    }

    /// <summary>A single node whose every grain call fails with one exception.</summary>
    private sealed class FailingNode : IAsyncDisposable
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-503-tests", Guid.NewGuid().ToString("N"));
        private readonly WebApplicationFactory<Program> _factory;

        public FailingNode(Exception exception)
        {
            _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("PaySim:Storage:Provider", "Memory");
                builder.UseSetting("PaySim:Storage:DataDirectory", _dataDirectory);
                builder.UseSetting("PaySim:SeedTestAccounts", "false");
                foreach (var (key, value) in LoopbackPorts.SiloSettings())
                {
                    builder.UseSetting(key, value);
                }

                builder.ConfigureServices(services => services.AddSingleton(FailingGrainFactory.Create(exception)));
            });
            Client = _factory.CreateClient();
        }

        public HttpClient Client { get; }

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            if (Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>A grain factory whose every call fails as a broken cluster would.</summary>
    public class FailingGrainFactory : DispatchProxy
    {
        private Exception? _exception;

        public static IGrainFactory Create(Exception exception)
        {
            var factory = DispatchProxy.Create<IGrainFactory, FailingGrainFactory>();
            ((FailingGrainFactory)(object)factory)._exception = exception;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw _exception!;
    }
}
