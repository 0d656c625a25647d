using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaySim.Grains.Merchant;

namespace PaySim.Gateway.Merchant;

public static class MerchantGatewayServiceCollectionExtensions
{
    /// <summary>
    /// The merchant APIs' services: options, the secret protector (its key file created on first start), the
    /// currency converter, the seed 002 rate limits and the notification sender with its named HttpClient.
    /// </summary>
    public static IServiceCollection AddMerchantGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MerchantGatewayOptions.SectionName);
        services.AddOptions<MerchantGatewayOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MerchantGatewayOptions>, MerchantGatewayOptionsValidator>());
        services.AddSingleton<IMerchantSecretProtector>(_ => AesGcmMerchantSecretProtector.FromKeyFile(
            section[nameof(MerchantGatewayOptions.SecretKeyFile)]
            ?? Path.Combine(configuration["PaySim:Storage:DataDirectory"] ?? "data", "merchant-secrets.key")));
        services.AddSingleton<CurrencyConverter>();
        services.AddSingleton<AggregatorRateLimits>();
        services.AddHttpClient(MerchantNotificationSender.HttpClientName, client => client.Timeout = MerchantNotificationSender.AttemptTimeout)
            // A redirect would lead the server past the host allow list, so with a list set none is followed.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = provider.GetRequiredService<IOptions<MerchantGatewayOptions>>().Value.NotifyHostAllowList.Count == 0,
            });
        services.AddSingleton<IMerchantNotificationSender, MerchantNotificationSender>();
        return services;
    }
}
