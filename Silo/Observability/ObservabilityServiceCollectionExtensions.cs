using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using PaySim.Silo.Hosting;

namespace PaySim.Silo.Observability;

/// <summary>What a silo registers for its metrics; the exporter is the host's (gateway or standalone silo).</summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddPaySimStoreGauges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddPaySimMetricsOptions(configuration);
        services.AddSingleton<StoreGauges>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<StoreGauges>());
        return services;
    }
}
