using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaySim.Gateway.Merchant;

public static class MerchantGatewayServiceCollectionExtensions
{
    /// <summary>
    /// The merchant APIs' edge services: options, the currency converter and the seed 002 rate limits. What merchant
    /// grains need (the secret protector, the notification sender) the silo registers (<c>AddPaySim</c>).
    /// </summary>
    public static IServiceCollection AddMerchantGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MerchantGatewayOptions.SectionName);
        services.AddOptions<MerchantGatewayOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MerchantGatewayOptions>, MerchantGatewayOptionsValidator>());
        services.AddSingleton<CurrencyConverter>();
        services.AddSingleton<AggregatorRateLimits>();
        return services;
    }
}
