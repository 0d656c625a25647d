using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaySim.Grains.Accounts;

/// <summary>
/// Salted PBKDF2-SHA256 password hashes in the self-describing form <c>pbkdf2-sha256$iterations$salt$hash</c>
/// (Base64 parts), so the iteration count can be raised later without breaking stored hashes.
/// </summary>
public static class PasswordHasher
{
    /// <summary>Iterations for new hashes: the floor OWASP gave for PBKDF2-SHA256 when this was written is 100,000+.</summary>
    public const int IterationCount = 100_000;

    /// <summary>Longest password hashed; PBKDF2 cost grows with the input, so an unbounded one is a denial of service.</summary>
    public const int PasswordLengthMax = 128;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltLengthBytes = 16;
    private const int HashLengthBytes = 32;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(password.Length, PasswordLengthMax);
        var salt = RandomNumberGenerator.GetBytes(SaltLengthBytes);
        var hash = Derive(password, salt, IterationCount);
        return string.Join('$', Scheme, IterationCount.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
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
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new FormatException("The stored password hash is not in the pbkdf2-sha256$iterations$salt$hash form.");
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashLengthBytes);
}
