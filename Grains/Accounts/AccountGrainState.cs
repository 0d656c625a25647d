using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>The stored state of one account. The password is kept only as a salted PBKDF2 hash.</summary>
public sealed class AccountGrainState
{
    /// <summary>Null until the account is opened; an account exists exactly when it has a password hash.</summary>
    public string? PasswordHash { get; set; }

    public string OpenId { get; set; } = "";

    public AccountStatus Status { get; set; }

    public long BalanceFen { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>A copy to change, so that a failed write can leave the in-memory state as it was.</summary>
    public AccountGrainState Clone() => (AccountGrainState)MemberwiseClone();
}
