namespace PaySim.Grains.Merchant;

/// <summary>Stored state of a merchant; the secrets only in encrypted form.</summary>
public sealed class MerchantState
{
    public string Name { get; set; } = "";

    public string SettlementAccount { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    public string ProtectedKey { get; set; } = "";

    public string ProtectedToken { get; set; } = "";
}
