namespace PaySim.Silo.Merchant;

/// <summary>
/// The settings merchant grains depend on, read by every silo (and so by the single-node gateway, which co-hosts one).
/// Bound from <c>PaySim:Merchant</c>, the section the gateway's own merchant settings share.
/// </summary>
public sealed class MerchantSiloOptions
{
    public const string SectionName = "PaySim:Merchant";

    /// <summary>
    /// The key that encrypts merchant secrets at rest: base64 of 32 random bytes (<c>openssl rand -base64 32</c>).
    /// Every silo of a cluster must have the same key; set this or <see cref="SecretKeyFile"/>, not both.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// A file holding that key (32 raw bytes, or their base64). In a cluster it must exist on every silo, with the same
    /// key; on a single node it is created on first start, by default as <c>merchant-secrets.key</c> in
    /// <c>PaySim:Storage:DataDirectory</c>. Keep it out of database backups.
    /// </summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>
    /// Hosts a notification may be sent to (seed 001 notifyUrl, seed 002 notifyurl): a host name admits itself and its
    /// subdomains, an IP address itself; empty admits any host. The gateway checks the same list when it takes an
    /// order; the silo checks it again before each send and, with a list set, follows no redirect.
    /// </summary>
    public List<string> NotifyHostAllowList { get; set; } = [];
}
