namespace PaySim.Gateway.Merchant;

/// <summary>Settings of the merchant APIs. Bound from the configuration section <c>PaySim:Merchant</c>.</summary>
public sealed class MerchantGatewayOptions
{
    public const string SectionName = "PaySim:Merchant";

    /// <summary>
    /// File holding the AES key that encrypts merchant secrets; created on first start. Defaults to
    /// <c>merchant-secrets.key</c> in <c>PaySim:Storage:DataDirectory</c>. Keep it out of database backups.
    /// </summary>
    public string? SecretKeyFile { get; set; }

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
    /// order is taken and again before each send; with a list set, redirects are not followed. Configure as
    /// <c>PaySim:Merchant:NotifyHostAllowList:0 = merchant.example</c>.
    /// </summary>
    public List<string> NotifyHostAllowList { get; set; } = [];

    /// <summary>How long an aggregator order (seed 002 gives none) can be paid.</summary>
    public TimeSpan AggregatorOrderValidFor { get; set; } = TimeSpan.FromMinutes(30);
}
