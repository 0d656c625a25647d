using PaySim.Grains.Accounts;

namespace PaySim.Tests.Grains;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_IsSaltedPbkdf2_WithTheConfiguredIterations()
    {
        var first = PasswordHasher.Hash("123456");
        var second = PasswordHasher.Hash("123456");

        Assert.NotEqual(first, second);
        Assert.StartsWith($"pbkdf2-sha256-t1${PasswordHasher.IterationCount}$", first);
        Assert.DoesNotContain("123456", first.Split('$')[2..].Aggregate((a, b) => a + b));
        Assert.True(PasswordHasher.IterationCount >= 100_000);
    }

    [Fact]
    public void Verify_AcceptsOnlyTheHashedPassword()
    {
        var hash = PasswordHasher.Hash("123456");

        Assert.True(PasswordHasher.Verify("123456", hash));
        Assert.False(PasswordHasher.Verify("1234567", hash));
        Assert.False(PasswordHasher.Verify("", hash));
        Assert.False(PasswordHasher.Verify(new string('x', PasswordHasher.PasswordLengthMax + 1), hash));
    }

    [Fact]
    public void Verify_RefusesThePasswordFollowedByNuls()
    {
        // HMAC pads a short key with zero bytes, so PBKDF2 over the bare UTF-8 bytes gave "secret" and "secret\0" one hash.
        var hash = PasswordHasher.Hash("secret");

        Assert.True(PasswordHasher.Verify("secret", hash));
        Assert.False(PasswordHasher.Verify("secret\0", hash));
        Assert.False(PasswordHasher.Verify("secret\0\0\0", hash));
    }

    [Fact]
    public void Verify_APasswordWithNuls_MatchesOnlyItself()
    {
        var hash = PasswordHasher.Hash("sec\0ret\0");

        Assert.True(PasswordHasher.Verify("sec\0ret\0", hash));
        Assert.False(PasswordHasher.Verify("sec\0ret", hash));
        Assert.False(PasswordHasher.Verify("sec\0ret\0\0", hash));
    }

    /// <summary>A hash stored before the fix (PBKDF2 over the bare UTF-8 bytes, 1,000 iterations, salt 00..0F) of "secret".</summary>
    private const string StoredBeforeTheFix = "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$Tvsru20utY6o3q7VRBeuL9h/1QqKhWhwk2PaYNRWBgY=";

    [Fact]
    public void Verify_AHashStoredBeforeTheFix_StillAcceptsItsPassword_AndNoLongerItsNulExtensions()
    {
        Assert.True(PasswordHasher.Verify("secret", StoredBeforeTheFix));
        Assert.False(PasswordHasher.Verify("secret\0", StoredBeforeTheFix));
        Assert.False(PasswordHasher.Verify("secret\0\0", StoredBeforeTheFix));
        Assert.False(PasswordHasher.Verify("secre", StoredBeforeTheFix));
    }

    [Fact]
    public void Verify_OfAMalformedHash_Throws()
    {
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("x", "md5$abc"));
    }
}
