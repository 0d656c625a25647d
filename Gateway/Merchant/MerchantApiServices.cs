using Microsoft.Extensions.Options;
using PaySim.Runtime;

namespace PaySim.Gateway.Merchant;

/// <summary>What the merchant API handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class MerchantApiServices(
    IGrainFactory grains,
    TimeProvider clock,
    CurrencyConverter currency,
    IOptions<MerchantGatewayOptions> options,
    ILogger<MerchantApiServices> logger)
{
    public IGrainFactory Grains { get; } = grains;

    public TimeProvider Clock { get; } = clock;

    public CurrencyConverter Currency { get; } = currency;

    public MerchantGatewayOptions Options { get; } = options.Value;

    public ILogger Logger { get; } = logger;

    /// <summary>The base URL payers reach the gateway under: configured, or that of the current request.</summary>
    public string PublicBaseUrl(HttpRequest request) =>
        (Options.PublicBaseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');
}
