using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PaySim.Grains.Observability;

namespace PaySim.Silo.Hosting;

/// <summary>
/// The meters every PaySim process exports on <c>/metrics</c> (gateway and silo alike), and the standalone silo's own
/// scrape port. docs/operations.md lists the series and what to do about them.
/// </summary>
public static class PaySimTelemetry
{
    /// <summary>Orleans' runtime and client meter (<c>orleans_*</c> series).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>.NET's own runtime meter: GC, thread pool, exceptions (<c>dotnet_*</c> series).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Orleans' gauges that walk every activation (locking each) or every directory cache entry whenever they are read:
    /// under load a node held tens of thousands of activations, and read once a second by a scrape and once by the
    /// dashboard's own reader, the two walks took 2.8 % of its busy CPU (docs/performance.md §9). The activation count itself is still exported (<c>orleans_catalog_activations</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedOrleansInstruments =
        ["orleans-messaging-processing-activation-data", "orleans-directory-cache-size"];

    /// <summary>PaySim's, Orleans' (without <see cref="DroppedOrleansInstruments"/>) and the .NET runtime's meters.</summary>
    public static MeterProviderBuilder AddPaySimMeters(this MeterProviderBuilder metrics)
    {
        metrics.AddMeter(PaySimMetrics.MeterName, OrleansMeterName, RuntimeMeterName);
        foreach (var instrument in DroppedOrleansInstruments)
        {
            metrics.AddView(instrument, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }

    /// <summary>Binds and checks <c>PaySim:Metrics</c> (idempotent: the gateway and its co-hosted silo both call it).</summary>
    public static IServiceCollection AddPaySimMetricsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaySimMetricsOptions>().Bind(configuration.GetSection(PaySimMetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaySimMetricsOptions>, PaySimMetricsOptionsValidator>());
        return services;
    }

    /// <summary>
    /// A standalone silo's <c>/metrics</c>: with <c>PaySim:Metrics:Port</c> set, Kestrel listens on that port (and on
    /// <c>PaySim:Metrics:Host</c>) and serves the silo's series in Prometheus text, ASP.NET Core's for the scrapes
    /// among them, without credentials (it carries aggregates only; keep the port internal). Without the setting the
    /// silo opens no HTTP port at all. <see cref="MapPaySimSiloMetrics"/> maps the route once the host is built.
    /// </summary>
    public static WebApplicationBuilder AddPaySimSiloMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPaySimMetricsOptions(builder.Configuration);
        if (SiloMetricsSettings(builder.Configuration) is not { Port: { } port } settings)
        {
            builder.Services.AddSingleton<IServer, NoHttpServer>();
            return builder;
        }

        builder.WebHost.UseUrls($"http://{settings.Host}:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddPaySimMeters()
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> on a standalone silo whose <c>PaySim:Metrics:Port</c> is set.</summary>
    public static WebApplication MapPaySimSiloMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (SiloMetricsSettings(app.Configuration) is { Port: not null })
        {
            app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        }

        return app;
    }

    private static PaySimMetricsOptions? SiloMetricsSettings(IConfiguration configuration) =>
        configuration.GetSection(PaySimMetricsOptions.SectionName).Get<PaySimMetricsOptions>();

    /// <summary>The server of a silo without a metrics port: it listens nowhere, so the silo opens no HTTP port.</summary>
    private sealed class NoHttpServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
