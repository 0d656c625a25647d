using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaySim.Grains.Accounts;

/// <summary>
/// Salted PBKDF2-SHA256 password hashes in the self-describing form <c>scheme$iterations$salt$hash</c> (Base64
/// parts), so the iteration count can be raised later without breaking stored hashes.
/// </summary>
/// <remarks>
/// PBKDF2-HMAC uses the password as the HMAC key, and HMAC pads a key shorter than its block (64 bytes) with zero
/// bytes: over the bare UTF-8 bytes, <c>"secret"</c> and <c>"secret\0"</c> are one key and verify against each other.
/// New hashes (<c>pbkdf2-sha256-t1</c>) therefore derive from the UTF-8 bytes followed by one 0x01 byte, so no key
/// ends in a zero byte and different passwords are different keys. Hashes stored before (<c>pbkdf2-sha256</c>, bare
/// bytes) still verify their own password; as they cannot tell it from its zero-padded variants, a password that ends
/// in U+0000 and fits the HMAC block is refused against them (the UTF-8 of a password without NULs has no zero byte,
/// so no such password is affected).
/// </remarks>
public static class PasswordHasher
{
    /// <summary>Iterations for new hashes: the floor OWASP gave for PBKDF2-SHA256 when this was written is 100,000+.</summary>
    public const int IterationCount = 100_000;

    /// <summary>Longest password hashed; PBKDF2 cost grows with the input, so an unbounded one is a denial of service.</summary>
    public const int PasswordLengthMax = PaySim.Grains.Interfaces.AccountLimits.PasswordLengthMax;

    /// <summary>The scheme of new hashes: PBKDF2 over the password's UTF-8 bytes and a terminating 0x01 byte.</summary>
    public const string Scheme = "pbkdf2-sha256-t1";

    /// <summary>The scheme of hashes stored before <see cref="Scheme"/>: PBKDF2 over the bare UTF-8 bytes. Verified, never written.</summary>
    public const string BareScheme = "pbkdf2-sha256";

    private const byte Terminator = 0x01;
    private const int HmacSha256BlockBytes = 64;
    private const int SaltLengthBytes = 16;
    private const int HashLengthBytes = 32;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(password.Length, PasswordLengthMax);
        var salt = RandomNumberGenerator.GetBytes(SaltLengthBytes);
        var hash = Derive(Terminated(password), salt, IterationCount);
        return string.Join('$', Scheme, IterationCount.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="storedHash"/> is a hash this class made: its scheme, an iteration count, a salt and a hash of the right sizes.</summary>
    public static bool IsWellFormed(string storedHash)
    {
        var parts = storedHash.Split('$');
        return parts.Length == 4 && parts[0] == Scheme
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations >= IterationCount
            && IsBase64OfLength(parts[2], SaltLengthBytes) && IsBase64OfLength(parts[3], HashLengthBytes);
    }

    /// <summary>Checks <paramref name="password"/> against a stored hash; the comparison takes the same time wherever they differ.</summary>
    public static bool Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(storedHash);
        if (password.Length > PasswordLengthMax)
        {
            return false;
        }

        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] is not (Scheme or BareScheme)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new FormatException($"The stored password hash is not in the {Scheme}$iterations$salt$hash form.");
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        byte[] key;
        if (parts[0] == Scheme)
        {
            key = Terminated(password);
        }
        else
        {
            key = Encoding.UTF8.GetBytes(password);
            if (key.Length is > 0 and <= HmacSha256BlockBytes && key[^1] == 0)
            {
                // Zero padding makes this key the same as the password without its trailing NULs: not the exact password.
                return false;
            }
        }

        var actual = Derive(key, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool IsBase64OfLength(string text, int lengthBytes)
    {
        Span<byte> bytes = stackalloc byte[lengthBytes + 3];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == lengthBytes;
    }

    private static byte[] Terminated(string password)
    {
        var key = new byte[Encoding.UTF8.GetByteCount(password) + 1];
        Encoding.UTF8.GetBytes(password, key);
        key[^1] = Terminator;
        return key;
    }

    private static byte[] Derive(byte[] key, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(key, salt, iterations, HashAlgorithmName.SHA256, HashLengthBytes);
}
