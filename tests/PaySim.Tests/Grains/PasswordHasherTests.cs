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
        Assert.StartsWith($"pbkdf2-sha256${PasswordHasher.IterationCount}$", first);
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
    public void Verify_OfAMalformedHash_Throws()
    {
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("x", "md5$abc"));
    }
}
