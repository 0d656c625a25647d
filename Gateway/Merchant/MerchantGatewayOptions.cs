namespace PaySim.Gateway.Merchant;

/// <summary>
/// The gateway's settings of the merchant APIs, bound from <c>PaySim:Merchant</c>. The settings merchant grains need
/// (the secret key, the notify allow list before each send) are the silo's, bound from the same section.
/// </summary>
public sealed class MerchantGatewayOptions
{
    public const string SectionName = "PaySim:Merchant";

    /// <summary>Base URL payers reach the gateway under (for qr_code); by default the URL of the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// CNY per one unit of each accepted currency (seed 001 fee_type, exchange_rate). CNY is always 1.
    /// Configure as <c>PaySim:Merchant:ExchangeRates:HKD = 0.92</c>.
    /// </summary>
    public Dictionary<string, decimal> ExchangeRates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HKD"] = 0.92m,
        ["THB"] = 0.2m,
        ["USD"] = 7.1m,
    };

    /// <summary>
    /// Hosts PaySim may send notifications to (seed 001 notifyUrl, seed 002 notifyurl), which PaySim's server fetches.
    /// Each entry is a host name, admitting itself and its subdomains (<c>merchant.example</c> admits
    /// <c>pay.merchant.example</c>), or an IP address, admitting itself. Empty (the default): any host. Checked when an
    /// order is taken (here) and again by the silo before each send; with a list set, redirects are not followed. Configure as
    /// <c>PaySim:Merchant:NotifyHostAllowList:0 = merchant.example</c>.
    /// </summary>
    public List<string> NotifyHostAllowList { get; set; } = [];

    /// <summary>How long an aggregator order (seed 002 gives none) can be paid.</summary>
    public TimeSpan AggregatorOrderValidFor { get; set; } = TimeSpan.FromMinutes(30);
}
