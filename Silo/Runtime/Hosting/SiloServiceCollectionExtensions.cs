using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Runtime;
using PaySim.Silo.Activation;
using PaySim.Silo.Calls;
using PaySim.Silo.Reminders;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Hosts a silo in this process: the grains of <paramref name="grainAssemblies"/>, the store named in
    /// <c>{section}:Storage</c>, runtime settings from <c>{section}:Silo</c>, and an <see cref="IGrainFactory"/> in DI.
    /// </summary>
    public static IServiceCollection AddPaySimSilo(this IServiceCollection services, IConfiguration section, params Assembly[] grainAssemblies)
    {
        services.AddOptions<SiloOptions>().Bind(section.GetSection("Silo")).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(section.GetSection("Storage")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageProvider>(provider => StorageProviderFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new GrainTypeRegistry(grainAssemblies));
        services.AddSingleton<Catalog>();
        services.AddSingleton<IGrainCallInvoker, LocalGrainCallInvoker>();
        services.AddSingleton(provider => new Lazy<IGrainCallInvoker>(provider.GetRequiredService<IGrainCallInvoker>));
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<IGrainStorage>(provider => provider.GetRequiredService<IStorageProvider>().GrainStorage);
        services.AddHostedService<SiloHost>();
        return services;
    }
}
