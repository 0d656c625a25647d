using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Silo.Hosting;
using PaySim.Silo.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>PaySim:Merchant:NotifyHostAllowList: which notify URLs the server may fetch, its start-up check, and the check before each send.</summary>
public sealed class NotifyUrlsTests
{
    [Theory]
    [InlineData("http://merchant.example/n", true)]
    [InlineData("https://Pay.Merchant.Example.:8443/n?x=1", true)]
    [InlineData("http://10.1.2.3/n", true)]
    [InlineData("http://[::1]:8080/n", true)]
    [InlineData("http://evilmerchant.example/n", false)]
    [InlineData("http://merchant.example.evil.test/n", false)]
    [InlineData("http://10.1.2.33/n", false)]
    [InlineData("http://127.0.0.1/n", false)]
    [InlineData("http://2130706433/n", false)]
    [InlineData("http://localhost/n", false)]
    [InlineData("ftp://merchant.example/n", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/n", false)]
    public void IsAllowed_AdmitsListedHostsTheirSubdomainsAndListedAddresses_OverHttpOnly(string url, bool allowed)
    {
        Assert.Equal(allowed, NotifyUrls.IsAllowed(url, ["merchant.example", "10.1.2.3", "::1"]));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/n", true)]
    [InlineData("https://anything.test/n", true)]
    [InlineData("gopher://127.0.0.1:6379/_x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("http://127.0.0.1:9/n#frag", false)]
    [InlineData("http://127.0.0.1:9/n?a=1#", false)]
    [InlineData("http://127.0.0.1:9/n?a=%23", true)]
    public void IsAllowed_WithAnEmptyList_AdmitsAnyHost_ButOnlyHttpAndHttps(string url, bool allowed)
    {
        Assert.Equal(allowed, NotifyUrls.IsAllowed(url, []));
    }

    [Theory]
    [InlineData("https://merchant.example")]
    [InlineData("merchant.example:8080")]
    [InlineData("merchant.example/notify")]
    [InlineData("*.merchant.example")]
    [InlineData(" ")]
    public void Validator_RefusesEntriesThatAreNotHostNames_NamingTheSetting(string entry)
    {
        var result = new MerchantGatewayOptionsValidator().Validate(null, new MerchantGatewayOptions { NotifyHostAllowList = ["ok.example", entry] });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Merchant:NotifyHostAllowList:1", result.FailureMessage);
    }

    [Fact]
    public void Validator_AcceptsHostNamesAddressesAndTheEmptyDefault()
    {
        var validator = new MerchantGatewayOptionsValidator();

        Assert.True(validator.Validate(null, new MerchantGatewayOptions()).Succeeded);
        Assert.Empty(new MerchantGatewayOptions().NotifyHostAllowList);
        Assert.True(validator.Validate(null, new MerchantGatewayOptions { NotifyHostAllowList = ["merchant.example", "Pay.Example.", "10.0.0.1", "::1", "商户.example"] }).Succeeded);
    }

    [Fact]
    public void SiloValidator_ChecksTheSameList_ForTheSenderBeforeEachSend()
    {
        var validator = new MerchantSiloOptionsValidator(ClusterMembershipKind.Localhost);

        Assert.True(validator.Validate(null, new MerchantSiloOptions { NotifyHostAllowList = ["merchant.example", "10.0.0.1"] }).Succeeded);
        var failure = validator.Validate(null, new MerchantSiloOptions { NotifyHostAllowList = ["ok.example", "https://merchant.example"] });
        Assert.Equal(["PaySim:Merchant:NotifyHostAllowList:1 ('https://merchant.example') must be a host name such as merchant.example "
            + "(which also admits its subdomains) or an IP address; no scheme, port, path or wildcard."], failure.Failures);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/notify")]
    [InlineData("file:///etc/passwd")]
    public async Task Sender_DoesNotSend_ToAUrlTheListNoLongerAdmits(string notifyUrl)
    {
        // An order taken before the list was set (or with a URL stored by an older version) is checked again at send time.
        var clients = new CountingClientFactory();
        var options = new StaticOptionsMonitor(new MerchantSiloOptions { NotifyHostAllowList = ["merchant.example"] });
        var sender = new MerchantNotificationSender(clients, grains: null!, new FakeTimeProvider(), options, NullLogger<MerchantNotificationSender>.Instance);
        var at = DateTimeOffset.UnixEpoch;
        var order = new MerchantOrderSnapshot("10000000000009", "N1", "20260101000000000001", MerchantOrderChannel.QrCode, MerchantOrderStatus.Paid,
            250, "CNY", null, 250, 0, 0, "s", notifyUrl, new OrderEcho(), "payer", null, null, at, at, at, null);

        Assert.False(await sender.SendAsync(order, CancellationToken.None));
        Assert.Equal(0, clients.Created);
    }

    private sealed class CountingClientFactory : IHttpClientFactory
    {
        public int Created { get; private set; }

        public HttpClient CreateClient(string name)
        {
            Created++;
            return new HttpClient();
        }
    }

    private sealed class StaticOptionsMonitor(MerchantSiloOptions value) : IOptionsMonitor<MerchantSiloOptions>
    {
        public MerchantSiloOptions CurrentValue => value;

        public MerchantSiloOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MerchantSiloOptions, string?> listener) => null;
    }
}
