using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Carries the caller's trace into grain calls, on a silo and on a cluster gateway's Orleans client, so that a grain's
/// log lines hold the TraceId of the HTTP request that caused them. Orleans' filters pass the W3C traceparent in the
/// call's request context, but start an activity only when some listener samples Orleans' source:
/// <see cref="GrainCallActivitySampler"/> is that listener, unless one (OpenTelemetry) records them already.
/// </summary>
public static class GrainCallTracing
{
    public static ISiloBuilder AddPaySimGrainCallTracing(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (PaySimLoggingExtensions.ReadSettings(configuration).TraceGrainCalls)
        {
            silo.AddActivityPropagation();
            silo.Services.AddGrainCallActivitySampler();
        }

        return silo;
    }

    public static IClientBuilder AddPaySimGrainCallTracing(this IClientBuilder client, IConfiguration configuration)
    {
        if (PaySimLoggingExtensions.ReadSettings(configuration).TraceGrainCalls)
        {
            client.AddActivityPropagation();
            client.Services.AddGrainCallActivitySampler();
        }

        return client;
    }

    private static void AddGrainCallActivitySampler(this IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrainCallActivitySampler>());
}
