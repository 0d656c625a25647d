using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>An account as it is at one moment.</summary>
[GenerateSerializer, Immutable, Alias("paysim.AccountSnapshot")]
public sealed record AccountSnapshot(
    string Username,
    string OpenId,
    AccountStatus Status,
    long BalanceFen,
    DateTimeOffset LastChangedAt);

/// <summary>The states an account can be in.</summary>
[GenerateSerializer, Alias("paysim.AccountStatus")]
public enum AccountStatus
{
    /// <summary>The account works normally (正常).</summary>
    Active,

    /// <summary>The account is frozen (已冻结): no payments, withdrawals, sends or receipts.</summary>
    Frozen,
}
