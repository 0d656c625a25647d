using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orleans;
using PaySim.Gateway.Apis;

namespace PaySim.Gateway.Merchant;

/// <summary>What the merchant API handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class MerchantApiServices
{
    [FromServices]
    public required IGrainFactory Grains { get; init; }

    [FromServices]
    public required TimeProvider Clock { get; init; }

    /// <summary>The deadline and repeat policy every grain call of a handler goes through.</summary>
    [FromServices]
    public required GrainCalls Calls { get; init; }

    [FromServices]
    public required CurrencyConverter Currency { get; init; }

    [FromServices]
    public required IOptions<MerchantGatewayOptions> OptionsAccessor { get; init; }

    [FromServices]
    public required ILogger<MerchantApiServices> Logger { get; init; }

    public MerchantGatewayOptions Options => OptionsAccessor.Value;

    /// <summary>The base URL payers reach the gateway under: configured, or that of the current request.</summary>
    public string PublicBaseUrl(HttpRequest request) =>
        (Options.PublicBaseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');
}
