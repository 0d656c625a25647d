using System.Security.Cryptography;
using System.Text;

namespace PaySim.Grains.Accounts;

/// <summary>
/// Checks passwords against the stored hash, remembering for one activation a keyed tag of the last password that
/// passed. An account grain runs one call at a time and PBKDF2 costs tens of milliseconds of CPU by design, so a
/// payer making several payments would otherwise queue behind its own hashes. Only a correct password is ever
/// remembered: a wrong one always pays the full PBKDF2 cost, so guessing gets no faster. The tag key is random per
/// process and never stored.
/// </summary>
internal sealed class PasswordChecker
{
    private static readonly byte[] s_tagKey = RandomNumberGenerator.GetBytes(32);

    private byte[]? _verifiedTag;

    public bool Matches(string password, string storedHash)
    {
        var tag = Tag(password);
        if (_verifiedTag is not null && CryptographicOperations.FixedTimeEquals(_verifiedTag, tag))
        {
            return true;
        }

        if (!PasswordHasher.Verify(password, storedHash))
        {
            return false;
        }

        _verifiedTag = tag;
        return true;
    }

    public void Remember(string password) => _verifiedTag = Tag(password);

    private static byte[] Tag(string password) => HMACSHA256.HashData(s_tagKey, Encoding.UTF8.GetBytes(password));
}
