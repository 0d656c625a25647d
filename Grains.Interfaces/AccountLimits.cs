namespace PaySim.Grains.Interfaces;

/// <summary>Bounds on account fields, so the edge can refuse what the account grain would refuse, without knowing it.</summary>
public static class AccountLimits
{
    /// <summary>Longest password hashed; PBKDF2 cost grows with the input, so an unbounded one is a denial of service.</summary>
    public const int PasswordLengthMax = 128;

    /// <summary>Longest username: it is a grain key and part of every ledger line that names it.</summary>
    public const int UsernameLengthMax = 64;
}
