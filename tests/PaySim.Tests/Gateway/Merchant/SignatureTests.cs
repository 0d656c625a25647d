using PaySim.Gateway.Merchant;
using PaySim.Grains.Merchant;

namespace PaySim.Tests.Gateway.Merchant;

public sealed class SignatureTests
{
    [Fact]
    public void AggregatorKey_MatchesTheSeedExample()
    {
        var key = Md5Signature.Compute(AggregatorSignature.BalancePrefix("10000001400000", "2018-09-02 12:35:06"), "10665CF54E90822951FE80330E9CF715", "");

        Assert.Equal("c9b922d7dde2c8ad614b998f8d183e84", key);
    }

    [Fact]
    public void FufuSign_HashesTimestampKeyAndBodyWithoutWhitespace()
    {
        const string body = "{\n    \"busi_id\": \"581010199011345\",\n    \"total_fee\": \"250\"\n}";

        var sign = FufuSigning.Sign(1502675456531, new string('1', 32), body);

        // Computed independently: md5("1502675456531" + "1"*32 + '{"busi_id":"581010199011345","total_fee":"250"}').
        Assert.Equal(Md5Signature.Compute("1502675456531", new string('1', 32), "{\"busi_id\":\"581010199011345\",\"total_fee\":\"250\"}") + ":1502675456531", sign);
        Assert.True(FufuSignature.TryParse(sign, out var digest, out var timestamp));
        Assert.Equal((32, 1502675456531L), (digest.Length, timestamp));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc:123")]
    [InlineData("400073a70beecbab91780a9a4973c38f")]
    [InlineData("400073a70beecbab91780a9a4973c38f:x")]
    public void FufuSign_Malformed_IsNotParsed(string sign) => Assert.False(FufuSignature.TryParse(sign, out _, out _));
}
