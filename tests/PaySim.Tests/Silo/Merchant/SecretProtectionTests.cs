using System.Security.Cryptography;
using PaySim.Silo.Hosting;
using PaySim.Silo.Merchant;

namespace PaySim.Tests.Silo.Merchant;

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

    [Fact]
    public void ConfiguredKey_IsTheSameKeyInEveryProcess_SoSilosReadEachOthersSecrets()
    {
        var options = new MerchantSiloOptions { SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var stored = MerchantSecretKeys.CreateProtector(options, ClusterMembershipKind.PostgreSql, "unused").Protect("secret");

        Assert.Equal("secret", MerchantSecretKeys.CreateProtector(options, ClusterMembershipKind.PostgreSql, "other").Unprotect(stored));
    }

    [Fact]
    public void SharedKeyFile_HoldingBase64_IsReadAndNeverRewritten()
    {
        var path = Path.Combine(Path.GetTempPath(), "paysim-" + Guid.NewGuid().ToString("N") + ".key");
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        var options = new MerchantSiloOptions { SecretKeyFile = path };

        var stored = MerchantSecretKeys.CreateProtector(options, ClusterMembershipKind.PostgreSql, "unused").Protect("secret");

        Assert.Equal("secret", new AesGcmMerchantSecretProtector(key).Unprotect(stored));
        Assert.Equal(Convert.ToBase64String(key) + "\n", File.ReadAllText(path));
        File.Delete(path);
    }

    [Fact]
    public void SingleNode_WithoutAKey_CreatesItsKeyFileInTheDataDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "paysim-" + Guid.NewGuid().ToString("N"));

        var stored = MerchantSecretKeys.CreateProtector(new MerchantSiloOptions(), ClusterMembershipKind.Localhost, directory).Protect("secret");

        var file = Path.Combine(directory, MerchantSecretKeys.DefaultFileName);
        Assert.Equal(32, new FileInfo(file).Length);
        Assert.Equal("secret", new AesGcmMerchantSecretProtector(File.ReadAllBytes(file)).Unprotect(stored));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void ClusterSilo_WithoutAKey_IsRefusedAtStartUp_NamingTheSettings()
    {
        var result = new MerchantSiloOptionsValidator(ClusterMembershipKind.PostgreSql).Validate(null, new MerchantSiloOptions());

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Merchant:SecretKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("PaySim:Merchant:SecretKeyFile", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterSilo_WithAKeyFileThatDoesNotExist_IsRefused_ForItWouldNeverBeCreated()
    {
        var result = new MerchantSiloOptionsValidator(ClusterMembershipKind.PostgreSql)
            .Validate(null, new MerchantSiloOptions { SecretKeyFile = "/nonexistent/paysim.key" });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Merchant:SecretKeyFile '/nonexistent/paysim.key' does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64", null)]
    [InlineData("AAAA", null)]
    [InlineData("valid", "file")]
    public void Validator_RefusesAKeyThatIsNot32Bytes_AndAKeyGivenTwice(string key, string? file)
    {
        var options = new MerchantSiloOptions
        {
            SecretKey = key == "valid" ? Convert.ToBase64String(new byte[32]) : key,
            SecretKeyFile = file,
        };

        var result = new MerchantSiloOptionsValidator(ClusterMembershipKind.Localhost).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Merchant:SecretKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AcceptsAConfiguredKeyInACluster_AndNoKeyOnASingleNode()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Assert.True(new MerchantSiloOptionsValidator(ClusterMembershipKind.PostgreSql).Validate(null, new MerchantSiloOptions { SecretKey = key }).Succeeded);
        Assert.True(new MerchantSiloOptionsValidator(ClusterMembershipKind.Localhost).Validate(null, new MerchantSiloOptions()).Succeeded);
    }
}
