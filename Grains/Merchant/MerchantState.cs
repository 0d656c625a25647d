using Orleans;
namespace PaySim.Grains.Merchant;

/// <summary>Stored state of a merchant; the secrets only in encrypted form.</summary>
[GenerateSerializer, Alias("paysim.MerchantState")]
public sealed class MerchantState
{
    [Id(0)]
    public string Name { get; set; } = "";

    [Id(1)]
    public string SettlementAccount { get; set; } = "";

    [Id(2)]
    public DateTimeOffset RegisteredAt { get; set; }

    [Id(3)]
    public string ProtectedKey { get; set; } = "";

    [Id(4)]
    public string ProtectedToken { get; set; } = "";
}
