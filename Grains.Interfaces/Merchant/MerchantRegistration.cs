using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>What an administrator supplies to register a merchant.</summary>
/// <param name="Name">Shown to payers on the cashier page.</param>
/// <param name="SettlementAccount">The PaySim account (username) that receives payments and pays refunds.</param>
[GenerateSerializer, Immutable, Alias("paysim.MerchantRegistration")]
public sealed record MerchantRegistration(string Name, string SettlementAccount)
{
    /// <summary>Longest merchant name; it is shown on a phone-sized page.</summary>
    public const int NameLengthMax = 64;
}
