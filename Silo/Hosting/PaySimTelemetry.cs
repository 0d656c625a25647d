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

    /// <summary>PaySim's, Orleans' and the .NET runtime's meters.</summary>
    public static MeterProviderBuilder AddPaySimMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(PaySimMetrics.MeterName, OrleansMeterName, RuntimeMeterName);

    /// <summary>Binds and checks <c>PaySim:Metrics</c> (idempotent: the gateway and its co-hosted silo both call it).</summary>
    public static IServiceCollection AddPaySimMetricsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaySimMetricsOptions>().Bind(configuration.GetSection(PaySimMetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaySimMetricsOptions>, PaySimMetricsOptionsValidator>());
        return services;
    }

    /// <summary>
    /// A standalone silo's <c>/metrics</c>: with <c>PaySim:Metrics:Port</c> set, an HTTP listener on that port serves
    /// the silo's series in Prometheus text, without credentials (it carries aggregates only; keep the port internal).
    /// </summary>
    public static IHostApplicationBuilder AddPaySimSiloMetrics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPaySimMetricsOptions(builder.Configuration);
        var settings = builder.Configuration.GetSection(PaySimMetricsOptions.SectionName).Get<PaySimMetricsOptions>() ?? new();
        if (settings.Port is not { } port)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPaySimMeters().AddPrometheusHttpListener(listener =>
        {
            listener.Host = settings.Host;
            listener.Port = port;
        }));
        return builder;
    }
}
