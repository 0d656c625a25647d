using PaySim.Gateway.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Observability;

/// <summary>
/// The /metrics tests of a single-node gateway run alone, on a gateway of their own: a production process holds one
/// host, but this one starts and stops many, each with its own <c>Microsoft.Orleans</c> meter. OpenTelemetry (1.21)
/// merges instruments of the same name across meters of the same name, and when any one of those meters is disposed
/// it ends the merged series for all of them (open-telemetry/opentelemetry-dotnet#6412): a silo stopped by a parallel
/// test took <c>orleans_catalog_activations</c> off this gateway's /metrics. Nothing else runs beside this collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsEndpointCollection : ICollectionFixture<SqliteApiFixture>
{
    public const string Name = "gateway /metrics (alone in the process)";
}

/// <summary>
/// GET /metrics of a single-node gateway (it co-hosts the silo): PaySim's, Orleans' and ASP.NET Core's series, no
/// credential, and nothing that names an account. PaySim's meter is the process's and other tests move money too, so
/// the counters are asserted to grow by at least what this test moved.
/// </summary>
[Collection(MetricsEndpointCollection.Name)]
public sealed class MetricsEndpointTests(SqliteApiFixture fixture)
{
    private const string Movements = "paysim_movements_total";

    private const string GatewayGrainCalls = "paysim_gateway_grain_calls_total";

    [Fact]
    public async Task Metrics_AfterTransfers_CountsThemByKindAndOutcome_BesideOrleansAndHttpSeries()
    {
        var source = await fixture.OpenAccountAsync(500);
        var target = await fixture.OpenAccountAsync(0);
        var before = await ScrapeAsync();

        var completed = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 300, password = PaySimApiFixture.Password });
        var refused = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 300, password = PaySimApiFixture.Password });
        var deposit = await fixture.PostAsync(new { method = "充值", username = target, sum = 5 });
        Assert.Equal(("转账成功", "转账失败", "充值成功"), (completed["result"], refused["result"], deposit["result"]));

        // The exporter may answer a scrape from a response it cached a moment ago: scrape until the counts show.
        // The gateway counts its own grain calls too: the three requests' calls were answered (and a transfer's are
        // repeatable, as it carries an operation id).
        string[] answeredRepeatable = ["policy=\"repeatable\"", "outcome=\"answered\""];
        var after = await Eventually.HoldsAsync(ScrapeAsync, scrape =>
            Grew(before, scrape, "transfer", "completed") && Grew(before, scrape, "transfer", "refused") && Grew(before, scrape, "deposit", "completed")
                && scrape.Sum(GatewayGrainCalls, answeredRepeatable) >= before.Sum(GatewayGrainCalls, answeredRepeatable) + 3,
            "the transfers and the deposit counted on /metrics, by the silo and by the gateway");

        Assert.True(after.HasSeriesStartingWith("orleans_"), "no orleans_ series");
        Assert.True(after.HasSeriesStartingWith("orleans_catalog_activations"), "no activation count");
        // Not the gauges that walk every activation or directory entry at each scrape (PaySimTelemetry).
        Assert.False(after.HasSeriesStartingWith("orleans_messaging_processing_activation_data"), "the activation walk is exported");
        Assert.False(after.HasSeriesStartingWith("orleans_directory_cache_size"), "the directory cache walk is exported");
        Assert.True(after.HasSeriesStartingWith("http_server_request_duration_seconds"), "no http_server_ series");
        Assert.True(after.HasSeriesStartingWith("paysim_storage_commit_duration_seconds"), "no group-commit latency");
        Assert.True(after.HasSeriesStartingWith("paysim_money_in_flight_fen"), "no money in flight");
        Assert.DoesNotContain(source, after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AsksForNoCredential_AndAnswersPrometheusText()
    {
        using var response = await fixture.Client.GetAsync(MetricsEndpoint.Path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// Built, not started: a started host in this process would make its own ASP.NET Core meter, and OpenTelemetry ends
    /// the fixture's http_server_ series when that meter is disposed with its host.
    /// </summary>
    [Fact]
    public async Task Metrics_Disabled_NothingListensToTheMeters_AndNoRouteIsMapped()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["PaySim:Metrics:Enabled"] = "false";
        builder.AddPaySimMetrics();
        await using var app = builder.Build();
        app.MapPaySimMetrics();

        Assert.Empty(app.Services.GetServices<OpenTelemetry.Metrics.MeterProvider>());
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();
        Assert.DoesNotContain(routes, route => route.RoutePattern.RawText == MetricsEndpoint.Path);
    }

    private static bool Grew(PrometheusText before, PrometheusText after, string kind, string outcome)
    {
        string[] labels = [$"kind=\"{kind}\"", $"outcome=\"{outcome}\""];
        return after.Sum(Movements, labels) >= before.Sum(Movements, labels) + 1;
    }

    private async Task<PrometheusText> ScrapeAsync() => new(await fixture.Client.GetStringAsync(MetricsEndpoint.Path));
}
