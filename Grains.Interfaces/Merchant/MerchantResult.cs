using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>Outcomes of merchant registration, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.MerchantResult")]
public enum MerchantResult
{
    /// <summary>The merchant was registered.</summary>
    Ok,

    /// <summary>The name is empty or longer than <see cref="MerchantRegistration.NameLengthMax"/>.</summary>
    InvalidName,

    /// <summary>A merchant with this id is already registered.</summary>
    AlreadyExists,

    /// <summary>The settlement account was never opened.</summary>
    NoSuchSettlementAccount,

    /// <summary>The settlement account is frozen: it could receive no payment, so the merchant's orders could never be paid.</summary>
    SettlementAccountFrozen,
}
