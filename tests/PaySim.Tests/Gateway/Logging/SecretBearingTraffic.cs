using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Tests.Gateway.Merchant;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Gateway.Merchant.MerchantGatewayHost;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>
/// Drives every POST /PaySim method and every other endpoint of a gateway with secrets in them: passwords (right and
/// wrong), the admin token (right and wrong), the merchant's key and token, 付付 signs, aggregator keys, WeChat paySigns,
/// payer codes, the signatures of notifications PaySim sends and the dashboard's session cookie. It remembers each
/// secret it sent or was given, and each PaySim method it called, for the test to check against what was logged.
/// </summary>
public sealed partial class SecretBearingTraffic(MerchantGatewayHost host, MerchantBackendStandIn backend, string adminToken)
{
    /// <summary>Passwords no log line could hold by chance; each differs from the others in every character run.</summary>
    public const string Password = "Pw-Alpha-secret-4f9c2d7e";
    public const string WrongPassword = "Pw-Wrong-secret-8b1a6e3f";
    public const string BatchPassword = "Pw-Batch-secret-2c7d9a0b";
    public const string WrongAdminToken = "admin-WRONG-token-61e0c4";

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal) { Password, WrongPassword, BatchPassword, WrongAdminToken, adminToken };
    private readonly HashSet<string> _methods = new(StringComparer.Ordinal);
    private readonly string _payer = "payer" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _shop = "shop" + Guid.NewGuid().ToString("N")[..8];
    private MerchantCredentials _merchant = null!;
    private string _aggregatorTradeNumber = "";

    /// <summary>Every secret value sent, received or computed.</summary>
    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>The PaySim methods called.</summary>
    public IReadOnlyCollection<string> Methods => _methods;

    /// <summary>The accounts this traffic opened, whose stored password hashes the test also looks for.</summary>
    public IReadOnlyList<string> Accounts => [_payer, _shop];

    public async Task RunAsync()
    {
        await PaySimMethodsAsync();
        await MerchantAdminAsync();
        await FufuAsync();
        await AggregatorAsync();
        await NotificationsAsync();
        await OtherEndpointsAsync();
    }

    private async Task PaySimMethodsAsync()
    {
        // A password in every body, even where the method reads none: no body is ever logged.
        await ExpectAsync("创建成功", new { method = SeedMethods.CreateAccount, username = _payer, password = Password, initBalance = 1_000_000 }, adminToken);
        await ExpectAsync("创建成功", new { method = SeedMethods.CreateAccount, username = _shop, password = Password }, adminToken);
        await ExpectStatusAsync(403, new { method = SeedMethods.CreateAccount, username = "x" + _payer, password = Password }, WrongAdminToken);
        await ExpectAsync("创建成功", new { method = SeedMethods.CreateAccounts, prefix = "b" + _payer, count = 2, password = BatchPassword }, adminToken);
        await ExpectAsync("绑定成功", new { method = SeedMethods.BindWeChat, username = _payer, openID = "oBound1", password = Password });
        await ExpectAsync("已冻结", new { method = SeedMethods.FreezeAccount, username = "b" + _payer + "1", password = BatchPassword }, adminToken);
        await ExpectAsync("充值成功", new { method = SeedMethods.Deposit, username = _payer, sum = 500, requestId = "d1", password = Password });
        // The same requestId with another sum: the account logs the conflict, so grains' lines are among those checked.
        await ExpectAsync("充值失败", new { method = SeedMethods.Deposit, username = _payer, sum = 600, requestId = "d1", password = Password });
        await ExpectAsync("提现成功", new { method = SeedMethods.Withdraw, username = _payer, sum = "100", password = Password });
        await ExpectAsync("提现失败", new { method = SeedMethods.Withdraw, username = _payer, sum = "100", password = WrongPassword });
        await ExpectStatusAsync(200, new { method = SeedMethods.QueryAccount, username = _payer, password = Password });
        await ExpectAsync("转账成功", new { method = SeedMethods.Transfer, source = _payer, target = _shop, sum = 100, password = Password });
        await ExpectAsync("转账失败", new { method = SeedMethods.Transfer, source = _payer, target = _shop, sum = 100, password = WrongPassword });
        await ExpectAsync("交易创建成功", new { method = SeedMethods.CreateTrade, source = _payer, target = _shop, tradeID = "T" + _payer, sum = 300, timeLimit = 5, password = Password });
        await ExpectAsync("支付失败", new { method = SeedMethods.PayTrade, tradeID = "T" + _payer, username = _payer, password = WrongPassword });
        await ExpectAsync("支付成功", new { method = SeedMethods.PayTrade, tradeID = "T" + _payer, username = _payer, password = Password });
        await ExpectStatusAsync(200, new { method = SeedMethods.QueryTrade, tradeID = "T" + _payer, password = Password });
        await ExpectStatusAsync(200, new { method = SeedMethods.Reconcile, password = Password }, adminToken);
        await ExpectAsync("获取失败", new { method = SeedMethods.GetPayerCode, username = _payer, password = WrongPassword });
        var code = await PostAsync(new { method = SeedMethods.GetPayerCode, username = _payer, password = Password });
        _secrets.Add(code.GetProperty("payerCode").GetString()!);
    }

    private async Task MerchantAdminAsync()
    {
        using var refused = await SendAsync(HttpMethod.Post, "/admin/merchants", JsonContent.Create(new { name = "商户", settlementAccount = _shop }), WrongAdminToken);
        Assert.Equal(403, (int)refused.StatusCode);
        _merchant = await FufuRequests.RegisterMerchantAsync(host.Client, adminToken, "日志测试商户", _shop);
        _secrets.Add(_merchant.Key);
        _secrets.Add(_merchant.Token);
    }

    private async Task FufuAsync()
    {
        string Order(string number, string extra) =>
            $$"""{"busi_id":"{{_merchant.MerchantId}}","out_trade_no":"{{number}}","total_fee":"250","pay_subject":"商品","fee_type":"CNY",{{extra}}}""";

        var weChat = await FufuAsync("preOrder", Order("W1", "\"trade_type\":\"JSAPI\",\"channel_type\":\"2\",\"openId\":\"o1\",\"subAppId\":\"wx17e91dae2802695e\""));
        using (var payInfo = JsonDocument.Parse(Text(weChat, "data.payInfo")))
        {
            _secrets.Add(payInfo.RootElement.GetProperty("paySign").GetString()!);
        }

        var badSign = await host.PostFufuAsync("query", Order("W1", "\"x\":1"), new string('7', 32));
        Assert.Equal("INVALID_SIGN", Text(badSign, "result.return_msg"));

        var code = await PayerCodeFromCashierAsync();
        var paid = await FufuAsync("order", Order("B1", $"\"channel_type\":\"1\",\"auth_code\":\"{code}\""));
        Assert.Equal("1", Text(paid, "data.state"));
        Assert.Equal("SUCCESS", Text(await FufuAsync("refund", Order("B1", "\"out_refund_no\":\"RF1\",\"refund_fee\":\"50\"")), "data.return_code"));
        Assert.Equal("succ", Text(await FufuAsync("refundQuery", $$"""{"busi_id":"{{_merchant.MerchantId}}","out_trade_no":"RF1"}"""), "data.trade_status"));
        Assert.Equal("SUCCESS", Text(await FufuAsync("query", Order("B1", "\"q\":1")), "data.return_code"));

        await FufuAsync("preOrder", Order("C1", "\"trade_type\":\"QRCODE\",\"channel_type\":\"1\""));
        await FufuAsync("preOrder", Order("C2", "\"trade_type\":\"QRCODE\",\"channel_type\":\"1\""));
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("SUCCESS", Text(await FufuAsync("cancel", Order("C1", "\"c\":1")), "data.return_code"));
        Assert.Equal("SUCCESS", Text(await FufuAsync("close", Order("C2", "\"c\":1")), "data.return_code"));
    }

    private async Task AggregatorAsync()
    {
        var form = AggregatorApiTests.PayForm(_merchant, "AG1", backend.BaseUrl);
        _secrets.Add(form["key"]);
        using var page = await host.Client.PostAsync("/pay.action", new FormUrlEncodedContent(form));
        Assert.Equal(200, (int)page.StatusCode);
        _aggregatorTradeNumber = TradeNumberPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

        var statusKey = Md5Signature.Compute(AggregatorSignature.OrderStatusPrefix("AG1", _merchant.MerchantId), _merchant.Token, "");
        _secrets.Add(statusKey);
        var status = await GetJsonAsync($"/requstOrderStatus.action?orderid=AG1&uid={_merchant.MerchantId}&key={statusKey}");
        Assert.Equal("-1", Text(status, "status"));

        var requestTime = host.Clock.GetUtcNow().ToOffset(MerchantOrderGrain.BeijingOffset).ToString(AggregatorApi.RequestTimeFormat, CultureInfo.InvariantCulture);
        var balanceKey = Md5Signature.Compute(AggregatorSignature.BalancePrefix(_merchant.MerchantId, requestTime), _merchant.Token, "");
        _secrets.Add(balanceKey);
        var balance = await GetJsonAsync($"/requstBalance.action?uid={_merchant.MerchantId}&reqtime={Uri.EscapeDataString(requestTime)}&key={balanceKey}");
        Assert.Equal("0", Text(balance, "status"));
    }

    /// <summary>Pays a 付付 order and the aggregator order at the cashier, and collects the signatures PaySim sent with their notifications.</summary>
    private async Task NotificationsAsync()
    {
        var preOrder = await FufuAsync("preOrder", $$"""
            {"busi_id":"{{_merchant.MerchantId}}","out_trade_no":"N1","total_fee":"250","pay_subject":"商品","fee_type":"CNY",
             "trade_type":"QRCODE","channel_type":"1","notifyUrl":"{{backend.BaseUrl}}/notify"}
            """);
        var tradeNumber = Text(preOrder, "data.trade_no");
        using (var shown = await host.Client.GetAsync($"/online/pay/?tradeNo={tradeNumber}"))
        {
            Assert.Equal(200, (int)shown.StatusCode);
        }

        await CashierConfirmAsync(tradeNumber, WrongPassword);
        await CashierConfirmAsync(tradeNumber, Password);
        await CashierConfirmAsync(_aggregatorTradeNumber, Password);

        await host.AdvanceUntilAttemptAsync(_merchant.MerchantId + ":N1", 1);
        await host.AdvanceUntilAttemptAsync(_merchant.MerchantId + ":AG1", 1);
        await Eventually.HoldsAsync(() => backend.Received.Count >= 2, "both notifications arrived");
        foreach (var (query, body) in backend.Received)
        {
            if (query.StartsWith("?sign=", StringComparison.Ordinal))
            {
                _secrets.Add(Uri.UnescapeDataString(query["?sign=".Length..]).Split(':')[0]);
            }
            else
            {
                _secrets.Add(System.Web.HttpUtility.ParseQueryString(body)["key"]!);
            }
        }
    }

    private async Task OtherEndpointsAsync()
    {
        using var cluster = await SendAsync(HttpMethod.Get, "/admin/cluster", null, adminToken);
        Assert.Equal(200, (int)cluster.StatusCode);
        using var refused = await SendAsync(HttpMethod.Get, "/admin/cluster", null, WrongAdminToken);
        Assert.Equal(403, (int)refused.StatusCode);
        // Another HTTP method on /PaySim, carrying the admin token as a client might: refused 405, the token unlogged.
        using var notPost = await SendAsync(HttpMethod.Get, "/PaySim", null, adminToken);
        Assert.Equal(405, (int)notPost.StatusCode);
        using var health = await host.Client.GetAsync("/health");
        Assert.Equal(200, (int)health.StatusCode);
        using var ready = await host.Client.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
        // The public pages take no input, but they are served by the same pipeline and its logs.
        foreach (var page in (string[])["/metrics", "/openapi/v1.json", "/scalar/", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg"])
        {
            using var response = await host.Client.GetAsync(page);
            Assert.True((int)response.StatusCode == 200, page + ": " + (int)response.StatusCode);
        }

        await DashboardAsync();
    }

    /// <summary>
    /// Orleans' dashboard: the sign-in form, a wrong and the right token posted to it, the session cookie it sets (a
    /// secret too), every route of the dashboard with that cookie and with the admin header right and wrong, then signing out.
    /// </summary>
    private async Task DashboardAsync()
    {
        // Redirects and cookies by hand, to see the cookie the sign-in sets.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Client.BaseAddress };
        using (var form = await browser.GetAsync("/dashboard"))
        {
            Assert.Equal(401, (int)form.StatusCode);
        }

        using (var wrong = await browser.PostAsync("/dashboard/sign-in", DashboardSignIn(WrongAdminToken)))
        {
            Assert.Equal(403, (int)wrong.StatusCode);
        }

        string cookie;
        using (var signedIn = await browser.PostAsync("/dashboard/sign-in", DashboardSignIn(adminToken)))
        {
            Assert.Equal(302, (int)signedIn.StatusCode);
            cookie = signedIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            _secrets.Add(cookie.Split('=', 2)[1]);
        }

        // The dashboard grain lists the silo a moment after it starts: ask until it does.
        var counters = await Eventually.HoldsAsync(
            () => DashboardGetAsync(browser, "/dashboard/DashboardCounters", cookie, 200),
            text => JsonDocument.Parse(text).RootElement.GetProperty("hosts").GetArrayLength() > 0,
            "the dashboard listing the silo");
        var silo = JsonDocument.Parse(counters).RootElement.GetProperty("hosts")[0].GetProperty("siloAddress").GetString()!;
        string[] routes =
        [
            "/dashboard/", "/dashboard/index.html", "/dashboard/favicon.ico", "/dashboard/index.min.js", "/dashboard/index.css",
            "/dashboard/version", "/dashboard/ClusterStats", "/dashboard/Reminders", "/dashboard/Reminders/1",
            $"/dashboard/HistoricalStats/{silo}", $"/dashboard/SiloProperties/{silo}", $"/dashboard/SiloMetadata/{silo}",
            $"/dashboard/SiloStats/{silo}", $"/dashboard/SiloCounters/{silo}", "/dashboard/GrainStats/PaySim.Grains.AccountGrain",
            "/dashboard/TopGrainMethods", "/dashboard/LifecycleStages", "/dashboard/GrainTypes",
        ];
        foreach (var route in routes)
        {
            await DashboardGetAsync(browser, route, cookie, 200);
        }

        // The font and image folders: a name that is not there is still served by their routes, as 404.
        await DashboardGetAsync(browser, "/dashboard/fonts/none.woff2", cookie, 404);
        await DashboardGetAsync(browser, "/dashboard/img/none.png", cookie, 404);
        // The grain state viewer and the live log stream are refused even to the signed in.
        await DashboardGetAsync(browser, $"/dashboard/GrainState?grainId={_payer}&grainType=PaySim.Grains.AccountGrain", cookie, 403);
        await DashboardGetAsync(browser, "/dashboard/Trace", cookie, 403);

        using var byHeader = await SendAsync(HttpMethod.Get, "/dashboard/DashboardCounters", null, adminToken);
        Assert.Equal(200, (int)byHeader.StatusCode);
        using var refused = await SendAsync(HttpMethod.Get, "/dashboard/DashboardCounters", null, WrongAdminToken);
        Assert.Equal(403, (int)refused.StatusCode);

        // Signing out, with the cookie it drops.
        await DashboardGetAsync(browser, "/dashboard/sign-out", cookie, 200);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/dashboard/sign-out");
        signOut.Headers.Add("Cookie", cookie);
        using (var signedOut = await browser.SendAsync(signOut))
        {
            Assert.Equal(200, (int)signedOut.StatusCode);
        }
    }

    private static async Task<string> DashboardGetAsync(HttpClient browser, string route, string cookie, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{route}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        return text;
    }

    private static FormUrlEncodedContent DashboardSignIn(string token) => new([KeyValuePair.Create(DashboardSignInPage.TokenField, token)]);

    private async Task<string> PayerCodeFromCashierAsync()
    {
        using var refused = await host.Client.PostAsync("/online/pay/payer-code", Form(("username", _payer), ("password", WrongPassword)));
        Assert.Equal(400, (int)refused.StatusCode);
        using var issued = await host.Client.PostAsync("/online/pay/payer-code", Form(("username", _payer), ("password", Password)));
        var code = PayerCodePattern().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal(18, code.Length);
        _secrets.Add(code);
        return code;
    }

    private async Task CashierConfirmAsync(string tradeNumber, string password)
    {
        using var response = await host.Client.PostAsync("/online/pay/confirm", Form(("tradeNo", tradeNumber), ("username", _payer), ("password", password)));
        Assert.True((int)response.StatusCode is 200, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> FufuAsync(string operation, string body)
    {
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var timestampMs = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sign = FufuSigning.Sign(timestampMs, _merchant.Key, body);
        _secrets.Add(sign.Split(':')[0]);
        var reply = await host.PostFufuAsync(operation, body, _merchant.Key, timestampMs, sign);
        Assert.True(Text(reply, "result.return_code") == "SUCCESS", $"{operation}: {reply}");
        return reply;
    }

    private async Task ExpectAsync(string result, object body, string? token = null)
    {
        var reply = await PostAsync(body, token);
        Assert.Equal(result, reply.GetProperty("result").GetString());
    }

    private async Task ExpectStatusAsync(int status, object body, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/PaySim", JsonContent.Create(body), token);
        Assert.True((int)response.StatusCode == status, await response.Content.ReadAsStringAsync());
        _methods.Add(JsonSerializer.SerializeToElement(body).GetProperty("method").GetString()!);
    }

    private async Task<JsonElement> PostAsync(object body, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/PaySim", JsonContent.Create(body), token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, text);
        _methods.Add(JsonSerializer.SerializeToElement(body).GetProperty("method").GetString()!);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await host.Client.GetAsync(url);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, string? token)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, token);
        }

        return await host.Client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    [GeneratedRegex("name=\"tradeNo\" value=\"(\\w+)\"")]
    private static partial Regex TradeNumberPattern();

    [GeneratedRegex("id=\"payer-code\">(\\d{18})<")]
    private static partial Regex PayerCodePattern();
}
