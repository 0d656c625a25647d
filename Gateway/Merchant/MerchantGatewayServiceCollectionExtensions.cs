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
        services.AddOptions<MerchantGatewayOptions>().Bind(section);
        services.AddSingleton<IMerchantSecretProtector>(_ => AesGcmMerchantSecretProtector.FromKeyFile(
            section[nameof(MerchantGatewayOptions.SecretKeyFile)]
            ?? Path.Combine(configuration["PaySim:Storage:DataDirectory"] ?? "data", "merchant-secrets.key")));
        services.AddSingleton<CurrencyConverter>();
        services.AddSingleton<AggregatorRateLimits>();
        services.AddHttpClient(MerchantNotificationSender.HttpClientName, client => client.Timeout = MerchantNotificationSender.AttemptTimeout);
        services.AddSingleton<IMerchantNotificationSender, MerchantNotificationSender>();
        return services;
    }
}
