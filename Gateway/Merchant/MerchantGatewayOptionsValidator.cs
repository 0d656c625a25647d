using Microsoft.Extensions.Options;

namespace PaySim.Gateway.Merchant;

/// <summary>Rejects merchant settings the gateway cannot work with, at start-up, saying what to change.</summary>
public sealed class MerchantGatewayOptionsValidator : IValidateOptions<MerchantGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, MerchantGatewayOptions options)
    {
        List<string> failures = [.. NotifyUrls.AllowListFailures(
            options.NotifyHostAllowList, $"{MerchantGatewayOptions.SectionName}:{nameof(MerchantGatewayOptions.NotifyHostAllowList)}")];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
