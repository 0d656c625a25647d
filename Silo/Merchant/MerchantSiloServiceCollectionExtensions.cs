using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaySim.Grains.Merchant;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Merchant;

/// <summary>What merchant grains need at run time; registered by every silo, so no grain depends on a co-hosted gateway.</summary>
public static class MerchantSiloServiceCollectionExtensions
{
    /// <summary>The settings (validated at start-up), the secret protector and the notification sender with its HttpClient.</summary>
    public static IServiceCollection AddPaySimMerchant(this IServiceCollection services, IConfiguration configuration, ClusterMembershipKind membership)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MerchantSiloOptions>().Bind(configuration.GetSection(MerchantSiloOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MerchantSiloOptions>>(new MerchantSiloOptionsValidator(membership)));
        services.TryAddSingleton<IMerchantSecretProtector>(provider => MerchantSecretKeys.CreateProtector(
            provider.GetRequiredService<IOptions<MerchantSiloOptions>>().Value,
            membership,
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        services.AddHttpClient(MerchantNotificationSender.HttpClientName, client => client.Timeout = MerchantNotificationSender.AttemptTimeout)
            // A redirect would lead the server past the host allow list, so with a list set none is followed.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = provider.GetRequiredService<IOptions<MerchantSiloOptions>>().Value.NotifyHostAllowList.Count == 0,
            });
        services.TryAddSingleton<IMerchantNotificationSender, MerchantNotificationSender>();
        return services;
    }
}
