using Microsoft.Extensions.Options;

namespace PaySim.Gateway.Merchant;

/// <summary>Rejects merchant settings the gateway cannot work with, at start-up, saying what to change.</summary>
public sealed class MerchantGatewayOptionsValidator : IValidateOptions<MerchantGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, MerchantGatewayOptions options)
    {
        List<string> failures = [];
        for (var index = 0; index < options.NotifyHostAllowList.Count; index++)
        {
            var entry = options.NotifyHostAllowList[index];
            if (NotifyUrls.Normalise(entry) is null)
            {
                failures.Add($"{MerchantGatewayOptions.SectionName}:{nameof(MerchantGatewayOptions.NotifyHostAllowList)}:{index} ('{entry}') must be a "
                    + "host name such as merchant.example (which also admits its subdomains) or an IP address; no scheme, port, path or wildcard.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
