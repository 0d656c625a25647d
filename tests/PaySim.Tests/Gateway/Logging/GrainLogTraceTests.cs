using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Hosting;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;
using PaySim.Tests.Gateway.Merchant;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Gateway.Logging.TracedRequests;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>
/// A grain's log line carries the TraceId of the gateway request that caused it: the request's own W3C traceparent
/// goes through the gateway into the grain call, on a single node and from a cluster gateway to a standalone silo.
/// </summary>
public sealed class GrainLogTraceTests
{
    [Fact]
    public async Task GrainLogLine_CarriesTheTraceIdOfTheRequest_OnASingleNode()
    {
        var logs = new CapturedLogs();
        await using var host = await MerchantGatewayHost.StartAsync(StorageProviderKind.Sqlite, configure: builder => builder.Logging.AddProvider(logs));

        var requestId = await SendConflictingDepositAsync(host.Client, TestAccountSeeder.EmptyAccount);

        var line = Assert.Single(logs.Lines, line => line.Category == AccountGrainCategory && line.Message.Contains(requestId, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(TraceId, line.ScopeValue("TraceId"));
    }

    /// <summary>
    /// The trace goes on from grain to grain: a transfer's account legs, called by the transfer grain, run under the
    /// request's trace too, and a recording listener of PaySim's grain call source gets every call of it.
    /// </summary>
    [Fact]
    public async Task GrainCalledByAGrain_RunsInTheTraceOfTheRequest()
    {
        var seen = new ConcurrentQueue<(string TraceId, string Method)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrainCallTracing.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => seen.Enqueue((activity.TraceId.ToHexString(), activity.DisplayName)),
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await MerchantGatewayHost.StartAsync(StorageProviderKind.Sqlite);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim")
        {
            Content = JsonContent.Create(new
            {
                method = SeedMethods.Transfer, source = TestAccountSeeder.RichAccount, target = TestAccountSeeder.EmptyAccount, sum = 1,
                requestId = "trace-" + Guid.NewGuid().ToString("N")[..12],
            }),
        };
        request.Headers.Add("traceparent", TraceParent);

        using var response = await host.Client.SendAsync(request);

        Assert.Contains("转账成功", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var methods = seen.Where(call => call.TraceId == TraceId).Select(call => call.Method).ToList();
        Assert.Contains(nameof(PaySim.Grains.Interfaces.ITransferGrain.ExecuteAsync), methods);
        Assert.Contains(nameof(PaySim.Grains.Interfaces.IAccountGrain.ApplyAsync), methods);
    }

    /// <summary>
    /// The control of <see cref="GrainLogLine_CarriesTheTraceIdOfTheRequest_OnASingleNode"/>: without grain call
    /// tracing the grain's line has no trace of the request.
    /// </summary>
    [Fact]
    public async Task WithGrainCallTracingOff_TheGrainLogLineDoesNotCarryTheRequestsTraceId()
    {
        var logs = new CapturedLogs();
        await using var host = await MerchantGatewayHost.StartAsync(
            StorageProviderKind.Sqlite,
            settings: new Dictionary<string, string?> { ["PaySim:Logging:TraceGrainCalls"] = "false" },
            configure: builder => builder.Logging.AddProvider(logs));

        var requestId = await SendConflictingDepositAsync(host.Client, TestAccountSeeder.EmptyAccount);

        var line = Assert.Single(logs.Lines, line => line.Category == AccountGrainCategory && line.Message.Contains(requestId, StringComparison.Ordinal));
        Assert.NotEqual(TraceId, line.ScopeValue("TraceId"));
    }

    [Fact]
    public async Task GatewayProcess_WithJsonFormat_WritesJsonLinesWhoseGrainLineCarriesTheTraceId()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-log-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
            {
                ["PaySim__Storage__DataDirectory"] = dataDirectory,
                ["PaySim__Admin__Token"] = PaySimApiFixture.AdminToken,
                ["PaySim__Logging__Format"] = "Json",
            });

            var requestId = await SendConflictingDepositAsync(gateway.Client, TestAccountSeeder.EmptyAccount);

            var line = await Eventually.HoldsAsync(
                () => Task.FromResult(JsonLogLines.Find(gateway.Output, AccountGrainCategory, requestId)),
                found => found is not null,
                "the account grain's conflict warning was written");
            Assert.Equal(TraceId, JsonLogLines.TraceId(line!.Value));
            Assert.Equal("Warning", line.Value.GetProperty("LogLevel").GetString());
            // Every line the process wrote is JSON, and its Chinese is written as it is.
            Assert.All(gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), text => Assert.StartsWith("{", text, StringComparison.Ordinal));
            Assert.Contains(TestAccountSeeder.EmptyAccount, line.Value.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
