using System.Globalization;
using System.Text.Json;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Gateway.Merchant.MerchantGatewayHost;

namespace PaySim.Tests.Gateway.Merchant;

public abstract class AggregatorApiTests(StorageProviderKind store)
{
    public static Dictionary<string, string> PayForm(MerchantCredentials merchant, string orderId, string baseUrl, string payMoney = "1.50")
    {
        var form = new Dictionary<string, string>
        {
            ["uid"] = merchant.MerchantId, ["orderid"] = orderId, ["ordername"] = "会员<充值>", ["paymoney"] = payMoney, ["orderuid"] = "u1",
            ["paytype"] = "11", ["notifyurl"] = baseUrl + "/agg-notify", ["returnurl"] = baseUrl + "/return", ["orderinfo"] = "",
        };
        form["key"] = Md5Signature.Compute(AggregatorSignature.PayPrefix(form), merchant.Token, "");
        return form;
    }

    [Fact]
    public async Task PayAction_WithGoodKey_ShowsTheCashierPageHtmlEncoded()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        using var response = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A1", "http://127.0.0.1:9")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("测试商户&lt;b&gt;", html);
        Assert.Contains("会员&lt;充值&gt;", html);
        Assert.Contains("¥1.50", html);
        Assert.Contains("data:image/png;base64,", html);
    }

    /// <summary>
    /// paymoney is digits and one point: anything else is refused before the key is checked, however well signed.
    /// (decimal.TryParse alone takes a trailing NUL; a form post did not deliver one intact here, so the explicit check
    /// in TryParseYuan is a second line.)
    /// </summary>
    [Theory]
    [InlineData("1.00\0")]
    [InlineData("1.00 ")]
    [InlineData("1e2")]
    public async Task PayAction_WithPaymoneyNotDigitsAndAPoint_IsRefused_ThoughSigned(string payMoney)
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        using var response = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A9", "http://127.0.0.1:9", payMoney)));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(CashierTexts.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PayAction_WithBadKey_IsRefused()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var form = PayForm(merchant, "A2", "http://127.0.0.1:9");
        form["paymoney"] = "0.01";

        using var response = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(form));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(CashierTexts.InvalidKey, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body that is not a form, or whitespace for a name, is the client's mistake: 400 with the cashier's page, not 503.</summary>
    [Theory]
    [InlineData("/pay.action", "{\"uid\":\"1\"}", "application/json")]
    [InlineData("/online/pay/confirm", "tradeNo=1&username=u", "text/plain")]
    [InlineData("/online/pay/payer-code", "username=%20&password=p", "application/x-www-form-urlencoded")]
    [InlineData("/pay.action", "uid=1&orderid=2", "multipart/form-data; boundary=xx")]
    [InlineData("/online/pay/confirm", "tradeNo=1&username=u", "multipart/form-data; boundary=xx")]
    public async Task FormPost_ThatIsNoFormOrNamesNobody_IsBadRequest(string path, string body, string contentType)
    {
        await using var host = await StartAsync(store);

        using var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await host.Client.PostAsync(path, content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Form names match as ASP.NET Core matches them, so a name that only lower-cases onto another (Kelvin sign, U+212A,
    /// onto k) is a field of its own, not a duplicate that threw before any check: that was a 503 for anyone.
    /// </summary>
    [Fact]
    public async Task PayAction_WithANameThatLowerCasesOntoAnother_IsAnsweredLikeAnyForm()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var stray = new Dictionary<string, string> { ["key"] = "a", ["Key"] = "b" };
        var signed = PayForm(merchant, "A9", "http://127.0.0.1:9");
        signed["Key"] = "not-the-key";

        using var strayResponse = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(stray));
        using var signedResponse = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(signed));

        Assert.Equal(400, (int)strayResponse.StatusCode);
        Assert.Contains(CashierTexts.BadRequest, await strayResponse.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)signedResponse.StatusCode);
    }

    [Fact]
    public async Task CashierConfirm_ByAPayerNamedByWhitespace_ShowsTheOrderWithTheRefusal_AndChargesNobody()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var page = await (await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A7", "http://127.0.0.1:9")))).Content.ReadAsStringAsync();
        var tradeNumber = System.Text.RegularExpressions.Regex.Match(page, "name=\"tradeNo\" value=\"([0-9]+)\"").Groups[1].Value;

        using var response = await host.Client.PostAsync("/online/pay/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tradeNo"] = tradeNumber, ["username"] = " ", ["password"] = "p",
        }));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(CashierTexts.Outcome(MerchantOrderResult.InvalidRequest), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MerchantTestCluster.PayerBalanceFen, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
    }

    [Fact]
    public async Task OrderStatusAndBalance_ForAUidOfWhitespaceOrWithANul_AreBadRequests()
    {
        await using var host = await StartAsync(store);
        var withNul = await GetJsonAsync(host, "/requstOrderStatus.action?orderid=A1&uid=1%00&key=" + new string('0', 32));

        var status = await GetJsonAsync(host, "/requstOrderStatus.action?orderid=A1&uid=%20&key=" + new string('0', 32));
        var balance = await GetJsonAsync(host, "/requstBalance.action?uid=%20&reqtime=20261207120000&key=" + new string('0', 32));

        Assert.Equal(("-2", CashierTexts.BadRequest), (Text(status, "status"), Text(status, "msg")));
        Assert.Equal(("1", CashierTexts.BadRequest), (Text(balance, "status"), Text(balance, "msg")));
        Assert.Equal(("-2", CashierTexts.BadRequest), (Text(withNul, "status"), Text(withNul, "msg")));
    }

    [Fact]
    public async Task OrderStatus_IsLimitedToOneQueryPerOrderPerMinute()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        (await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A3", "http://127.0.0.1:9")))).Dispose();
        var key = Md5Signature.Compute(AggregatorSignature.OrderStatusPrefix("A3", merchant.MerchantId), merchant.Token, "");
        var url = $"/requstOrderStatus.action?orderid=A3&uid={merchant.MerchantId}&key={key}";

        var first = await GetJsonAsync(host, url);
        var second = await GetJsonAsync(host, url);
        host.Clock.Advance(AggregatorRateLimits.OrderStatusInterval);
        var third = await GetJsonAsync(host, url);
        var badKey = await GetJsonAsync(host, url.Replace(key, new string('0', 32)));

        Assert.Equal(("-1", "1.50"), (Text(first, "status"), Text(first, "paymoney")));
        Assert.Equal(("-2", CashierTexts.TooFrequent), (Text(second, "status"), Text(second, "msg")));
        Assert.Equal("-1", Text(third, "status"));
        Assert.Equal(("-2", CashierTexts.InvalidKey), (Text(badKey, "status"), Text(badKey, "msg")));
    }

    [Fact]
    public async Task Balance_ChecksRequestTimeAndIsLimitedToOncePerThreeMinutes()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        string Url(DateTimeOffset at)
        {
            var requestTime = at.ToOffset(MerchantOrderGrain.BeijingOffset).ToString(AggregatorApi.RequestTimeFormat, CultureInfo.InvariantCulture);
            var key = Md5Signature.Compute(AggregatorSignature.BalancePrefix(merchant.MerchantId, requestTime), merchant.Token, "");
            return $"/requstBalance.action?uid={merchant.MerchantId}&reqtime={Uri.EscapeDataString(requestTime)}&key={key}";
        }

        var skewed = await GetJsonAsync(host, Url(host.Clock.GetUtcNow().AddMinutes(-11)));
        var first = await GetJsonAsync(host, Url(host.Clock.GetUtcNow()));
        var second = await GetJsonAsync(host, Url(host.Clock.GetUtcNow()));
        host.Clock.Advance(AggregatorRateLimits.BalanceInterval);
        var third = await GetJsonAsync(host, Url(host.Clock.GetUtcNow()));

        Assert.Equal(("1", CashierTexts.RequestTimeSkewed), (Text(skewed, "status"), Text(skewed, "msg")));
        Assert.Equal(("0", "0.00", merchant.MerchantId), (Text(first, "status"), Text(first, "balance"), Text(first, "uid")));
        Assert.Equal(("1", CashierTexts.TooFrequent), (Text(second, "status"), Text(second, "msg")));
        Assert.Equal("0", Text(third, "status"));
    }

    /// <summary>The earliest times a reqtime can spell lie before year 1 in UTC at +08:00: skewed, not an outage.</summary>
    [Theory]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59")]
    public async Task Balance_WithAReqtimeAtTheEndsOfTheCalendar_IsSkewed(string requestTime)
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var key = Md5Signature.Compute(AggregatorSignature.BalancePrefix(merchant.MerchantId, requestTime), merchant.Token, "");

        var answer = await GetJsonAsync(host, $"/requstBalance.action?uid={merchant.MerchantId}&reqtime={Uri.EscapeDataString(requestTime)}&key={key}");

        Assert.Equal(("1", CashierTexts.RequestTimeSkewed), (Text(answer, "status"), Text(answer, "msg")));
    }

    [Fact]
    public async Task PaidAggregatorOrder_NotifiesWithKeyAndRetriesAfterAnError()
    {
        await using var host = await StartAsync(store);
        await using var backend = await MerchantBackendStandIn.StartAsync(aggregatorStatuses: [500]);
        var merchant = await host.SeedAsync();
        var page = await (await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A5", backend.BaseUrl)))).Content.ReadAsStringAsync();
        var tradeNumber = page.Split("name=\"tradeNo\" value=\"")[1].Split('"')[0];
        (await host.Client.PostAsync("/online/pay/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tradeNo"] = tradeNumber, ["username"] = "payer", ["password"] = "123456",
        }))).Dispose();

        var first = await host.AdvanceUntilAttemptAsync(merchant.MerchantId + ":A5", 1);
        var second = await host.AdvanceUntilAttemptAsync(merchant.MerchantId + ":A5", 2);
        await Eventually.HoldsAsync(() => backend.Received.Count >= 2, "retried notification");
        Assert.True(second!.LastAttemptAt - first!.LastAttemptAt >= MerchantNotificationGrain.AggregatorRetryInterval);

        var fields = System.Web.HttpUtility.ParseQueryString(backend.Received.Last().Body);
        var expected = Md5Signature.Compute(AggregatorSignature.NotifyPrefix(tradeNumber, "A5", "u1", "1.50", "1.50"), merchant.Token, "");
        Assert.Equal((tradeNumber, "1.50", expected), (fields["payid"], fields["realpay"], fields["key"]));
    }

    [Fact]
    public async Task OrderStatus_OnceTheOrdersValidityRanOut_IsTimedOut_WithoutWaitingForItsReminder()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        (await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(PayForm(merchant, "A6", "http://127.0.0.1:9")))).Dispose();
        var key = Md5Signature.Compute(AggregatorSignature.OrderStatusPrefix("A6", merchant.MerchantId), merchant.Token, "");

        // The expiry reminder may tick now or later; the status comes from the clock either way.
        host.Clock.Advance(new MerchantGatewayOptions().AggregatorOrderValidFor);
        var status = await GetJsonAsync(host, $"/requstOrderStatus.action?orderid=A6&uid={merchant.MerchantId}&key={key}");

        Assert.Equal("1", Text(status, "status"));
    }

    private static async Task<JsonElement> GetJsonAsync(MerchantGatewayHost host, string url)
    {
        using var json = JsonDocument.Parse(await host.Client.GetStringAsync(url));
        return json.RootElement.Clone();
    }
}
