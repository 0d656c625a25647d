using System.Security.Cryptography;
using PaySim.Grains.Merchant;

namespace PaySim.Tests.Grains.Merchant;

public sealed class SecretProtectionTests
{
    [Fact]
    public void ProtectedSecret_RoundTripsAndHidesTheSecret()
    {
        var protector = new AesGcmMerchantSecretProtector(RandomNumberGenerator.GetBytes(32));

        var stored = protector.Protect("10665CF54E90822951FE80330E9CF715");

        Assert.DoesNotContain("10665CF5", stored, StringComparison.Ordinal);
        Assert.Equal("10665CF54E90822951FE80330E9CF715", protector.Unprotect(stored));
    }

    [Fact]
    public void ProtectedSecret_UnderAnotherKey_IsRejected()
    {
        var stored = new AesGcmMerchantSecretProtector(RandomNumberGenerator.GetBytes(32)).Protect("secret");

        Assert.ThrowsAny<CryptographicException>(() => new AesGcmMerchantSecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(stored));
    }

    [Fact]
    public void KeyFile_IsCreatedOnceAndReused()
    {
        var path = Path.Combine(Path.GetTempPath(), "paysim-" + Guid.NewGuid().ToString("N"), "merchant.key");
        var stored = AesGcmMerchantSecretProtector.FromKeyFile(path).Protect("secret");

        Assert.Equal("secret", AesGcmMerchantSecretProtector.FromKeyFile(path).Unprotect(stored));
        Assert.Equal(32, new FileInfo(path).Length);
    }
}
