using OpenTelemetry.Metrics;
using PaySim.Silo.Hosting;

namespace PaySim.Gateway.Observability;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text: PaySim's, Orleans' (the co-hosted silo's in a single node, the client's in a
/// cluster), ASP.NET Core's and the .NET runtime's series. It asks for no credential, as Prometheus scrapes: it carries
/// counts and aggregate sums only, never an account, an id, a secret or one payment's amount. What it does reveal is
/// the volume and rhythm of business, so a gateway whose port faces the internet should keep /metrics from it (a
/// proxy rule); docs/operations.md says so.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddPaySimMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddPaySimMetricsOptions(builder.Configuration);
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddPaySimMeters()
            .AddMeter(GatewayMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapPaySimMetrics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        // The exporter maps every HTTP method; a scrape is a GET, and the OpenAPI document describes just that.
        app.MapPrometheusScrapingEndpoint(Path).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return app;
    }

    /// <summary><c>PaySim:Metrics:Enabled</c>, true unless set to false.</summary>
    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue(PaySimMetricsOptions.SectionName + ":" + nameof(PaySimMetricsOptions.Enabled), defaultValue: true);
}
