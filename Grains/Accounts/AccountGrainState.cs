using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>The stored state of one account. The password is kept only as a salted PBKDF2 hash.</summary>
[GenerateSerializer, Alias("paysim.AccountGrainState")]
public sealed class AccountGrainState
{
    /// <summary>Null until the account is opened; an account exists exactly when it has a password hash.</summary>
    [Id(0)]
    public string? PasswordHash { get; set; }

    [Id(1)]
    public string OpenId { get; set; } = "";

    [Id(2)]
    public AccountStatus Status { get; set; }

    [Id(3)]
    public long BalanceFen { get; set; }

    [Id(4)]
    public DateTimeOffset OpenedAt { get; set; }

    [Id(5)]
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>A copy to change, so that a failed write can leave the in-memory state as it was.</summary>
    public AccountGrainState Clone() => (AccountGrainState)MemberwiseClone();
}
