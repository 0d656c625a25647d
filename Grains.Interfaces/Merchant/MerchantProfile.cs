using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>What anyone may know about a merchant: no secrets.</summary>
[GenerateSerializer, Immutable, Alias("paysim.MerchantProfile")]
public sealed record MerchantProfile(string MerchantId, string Name, string SettlementAccount, DateTimeOffset RegisteredAt);
