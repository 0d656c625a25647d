using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using static PaySim.Tests.Gateway.Merchant.MerchantGatewayHost;

namespace PaySim.Tests.Gateway.Merchant;

public abstract class MerchantPayApiTests(StorageProviderKind store)
{
    private const string FrozenShop = "frozen-shop";

    private static string PreOrder(string merchantId, string orderNumber, int totalFee = 250, string feeType = "CNY") =>
        $$"""
        {
            "busi_id": "{{merchantId}}", "operator_id": "test1", "total_fee": "{{totalFee}}", "channel_type": "1",
            "pay_subject": "测试商品", "out_trade_no": "{{orderNumber}}", "fee_type": "{{feeType}}", "trade_type": "QRCODE"
        }
        """;

    [Fact]
    public async Task PreOrder_WithGoodSignature_ReturnsCashierQrCode()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var reply = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P1"), merchant.Key);

        Assert.Equal("SUCCESS", Text(reply, "result.return_code"));
        Assert.Equal("SUCCESS", Text(reply, "data.return_code"));
        Assert.StartsWith(host.BaseUrl + "/online/pay/?id=" + merchant.MerchantId + "&tradeNo=", Text(reply, "data.qr_code"));
    }

    [Fact]
    public async Task Request_WithBadSignature_ReturnsInvalidSign()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var reply = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P2"), new string('1', 32));

        Assert.Equal(("FAIL", "INVALID_SIGN"), (Text(reply, "result.return_code"), Text(reply, "result.return_msg")));
    }

    [Fact]
    public async Task Request_ReplayedOrStale_ReturnsInvalidSign()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var body = PreOrder(merchant.MerchantId, "P3");
        var sign = FufuSigning.Sign(host.Clock.GetUtcNow().ToUnixTimeMilliseconds(), merchant.Key, body);

        var first = await host.PostFufuAsync("preOrder", body, merchant.Key, sign: sign);
        var replay = await host.PostFufuAsync("preOrder", body, merchant.Key, sign: sign);
        var stale = await host.PostFufuAsync("query", body, merchant.Key, host.Clock.GetUtcNow().AddMinutes(-6).ToUnixTimeMilliseconds());

        Assert.Equal("SUCCESS", Text(first, "result.return_code"));
        Assert.Equal("INVALID_SIGN", Text(replay, "result.return_msg"));
        Assert.Equal("INVALID_SIGN", Text(stale, "result.return_msg"));
    }

    [Fact]
    public async Task Request_ReplayedWithItsSignatureInUpperCase_ReturnsInvalidSign()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var body = PreOrder(merchant.MerchantId, "P6");
        var sign = FufuSigning.Sign(host.Clock.GetUtcNow().ToUnixTimeMilliseconds(), merchant.Key, body);

        var first = await host.PostFufuAsync("preOrder", body, merchant.Key, sign: sign);
        var replay = await host.PostFufuAsync("preOrder", body, merchant.Key, sign: sign.ToUpperInvariant());

        Assert.Equal("SUCCESS", Text(first, "result.return_code"));
        Assert.Equal("INVALID_SIGN", Text(replay, "result.return_msg"));
    }

    /// <summary>
    /// The signature covers the body without its whitespace, so a captured refund re-sent with "R 1" for "R1" carries
    /// a valid signature; and a field of the wrong JSON type must not be read as absent (an array fee_type would
    /// charge CNY). Each is refused before anything is created or moved.
    /// </summary>
    [Theory]
    [InlineData("\"out_trade_no\":\"Q 1\",\"total_fee\":\"250\"", "out_trade_no")]
    [InlineData("\"out_trade_no\":\"Q1\\u0000\",\"total_fee\":\"250\"", "out_trade_no")]
    [InlineData("\"out_trade_no\":\"Q1\",\"total_fee\":\"250\",\"fee_type\":[\"USD\"]", "fee_type")]
    [InlineData("\"out_trade_no\":\"Q1\",\"total_fee\":\"250\",\"channel_type\":{}", "channel_type")]
    [InlineData("\"out_trade_no\":\"Q1\",\"total_fee\":\"250\",\"channel_type\":true", "channel_type")]
    [InlineData("\"out_trade_no\":\"Q1\",\"total_fee\":\"100\",\"total_fee\":\"200\"", "total_fee")]
    public async Task Order_WithUnsignedWhitespaceInAnId_AWronglyTypedField_OrAFieldSentTwice_IsIllegalParameter_AndChargesNobody(string fields, string named)
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        const string code = "281234567890123458";
        await host.Grains.GetPayerCodeGrain(code).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        var shopBefore = await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop);

        var reply = await host.PostFufuAsync(
            "order", $$"""{"busi_id":"{{merchant.MerchantId}}",{{fields}},"auth_code":"{{code}}","pay_subject":"测试商品 1"}""", merchant.Key);
        var query = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"Q1"}""", merchant.Key);

        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(reply, "result.return_code"), Text(reply, "result.return_msg")));
        Assert.Contains(named, Text(reply, "result.reason") ?? "", StringComparison.Ordinal);
        Assert.Equal("CHARGE_NONEXISTENT", Text(query, "data.return_msg"));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
        Assert.Equal(shopBefore, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop));
    }

    [Theory]
    [InlineData("+15:00")]
    [InlineData("-14:01")]
    public async Task Order_WithATimeZoneBeyondFourteenHours_IsIllegalParameter_AndChargesNobody(string timeZone)
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        const string code = "281234567890123459";
        await host.Grains.GetPayerCodeGrain(code).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        var shopBefore = await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop);

        var reply = await host.PostFufuAsync("order", $$"""
            {"busi_id":"{{merchant.MerchantId}}","out_trade_no":"TZ1","total_fee":"250","channel_type":"1","auth_code":"{{code}}",
             "pay_subject":"测试商品1","fee_type":"CNY","time_zone":"{{timeZone}}"}
            """, merchant.Key);

        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(reply, "data.return_code"), Text(reply, "data.return_msg")));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
        Assert.Equal(shopBefore, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop));
    }

    [Fact]
    public async Task Request_FromUnknownMerchant_ReturnsUnregisteredBusi()
    {
        await using var host = await StartAsync(store);

        var reply = await host.PostFufuAsync("query", """{"busi_id":"19999999999999","out_trade_no":"x"}""", new string('1', 32));

        Assert.Equal("UNREGISTERED_BUSI", Text(reply, "result.return_msg"));
    }

    [Fact]
    public async Task PreOrder_DuplicateNumber_IsIdempotentUntilTheContentDiffers()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var first = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P4"), merchant.Key);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var same = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P4"), merchant.Key);
        var other = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P4", 300), merchant.Key);

        Assert.Equal(Text(first, "data.trade_no"), Text(same, "data.trade_no"));
        Assert.Equal(("FAIL", "SERIAL_REPEAT"), (Text(other, "data.return_code"), Text(other, "data.return_msg")));
        Assert.False(other.GetProperty("data").TryGetProperty("trade_no", out _));
    }

    [Fact]
    public async Task PreOrder_WithWrongAmount_ReturnsAmtError()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var reply = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P5", -5), merchant.Key);

        Assert.Equal("AMT_ERROR", Text(reply, "data.return_msg"));
    }

    [Fact]
    public async Task PreOrder_InForeignCurrency_ReportsRateAndCnyAmount()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "P6", 1_000, "HKD"), merchant.Key);

        var query = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"P6"}""", merchant.Key);

        Assert.Equal(("0.92", "920", "0"), (Text(query, "data.exchange_rate"), Text(query, "data.trans_amount_cny"), Text(query, "data.state")));
    }

    [Fact]
    public async Task Request_WithInvalidUtf8OrALoneSurrogate_ReturnsIllegalParameter_AndCreatesNothing()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        var body = PreOrder(merchant.MerchantId, "U1").Replace("测试商品", "测试<FF>", StringComparison.Ordinal).Split("<FF>");
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes(body[0]), 0xFF, .. System.Text.Encoding.UTF8.GetBytes(body[1])];

        // Signed over the text as a lenient decoder reads it (0xFF as U+FFFD), so only the bytes themselves are wrong.
        var invalidUtf8 = await host.PostFufuBytesAsync("preOrder", bytes, System.Text.Encoding.UTF8.GetString(bytes), merchant.Key);
        var loneSurrogate = await host.PostFufuAsync("preOrder", PreOrder(merchant.MerchantId, "U2").Replace("测试商品", "\\ud800", StringComparison.Ordinal), merchant.Key);
        var surrogateInName = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"U2","\udc00":"x"}""", merchant.Key);
        var query = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"U1"}""", merchant.Key);

        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(invalidUtf8, "result.return_code"), Text(invalidUtf8, "result.return_msg")));
        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(loneSurrogate, "result.return_code"), Text(loneSurrogate, "result.return_msg")));
        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(surrogateInName, "result.return_code"), Text(surrogateInName, "result.return_msg")));
        Assert.Equal("CHARGE_NONEXISTENT", Text(query, "data.return_msg"));
    }

    [Fact]
    public async Task PreOrder_RefusesWeChatJsapiWithoutSubAppId_ChannelsOutsideTheDictionary_AndNotifyUrlsNotHttp()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        string Body(string orderNumber, string extra) => $$"""
            {"busi_id":"{{merchant.MerchantId}}","total_fee":"250","pay_subject":"测试商品","out_trade_no":"{{orderNumber}}","fee_type":"CNY",{{extra}}}
            """;

        var refused = new Dictionary<string, string>
        {
            ["WeChat JSAPI without subAppId"] = Body("C1", "\"trade_type\":\"JSAPI\",\"channel_type\":\"2\",\"openId\":\"o1\""),
            ["WeChat (by default JSAPI) with an empty subAppId"] = Body("C2", "\"channel_type\":2,\"openId\":\"o1\",\"subAppId\":\"\""),
            ["channel 9"] = Body("C3", "\"trade_type\":\"QRCODE\",\"channel_type\":\"9\""),
            ["channel 9 as a number"] = Body("C4", "\"trade_type\":\"JSAPI\",\"channel_type\":9,\"openId\":\"o1\""),
            ["channel -1"] = Body("C5", "\"trade_type\":\"QRCODE\",\"channel_type\":\"-1\""),
            ["channel abc"] = Body("C6", "\"trade_type\":\"QRCODE\",\"channel_type\":\"abc\""),
            ["file notifyUrl"] = Body("C7", "\"trade_type\":\"QRCODE\",\"channel_type\":\"1\",\"notifyUrl\":\"file:///etc/passwd\""),
            ["gopher notifyUrl"] = Body("C8", "\"trade_type\":\"QRCODE\",\"channel_type\":\"1\",\"notifyUrl\":\"gopher://127.0.0.1:6379/_x\""),
            ["relative notifyUrl"] = Body("C9", "\"trade_type\":\"QRCODE\",\"channel_type\":\"1\",\"notifyUrl\":\"/notify\""),
        };
        foreach (var (name, body) in refused)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var reply = await host.PostFufuAsync("preOrder", body, merchant.Key);
            Assert.True(Text(reply, "data.return_msg") == "ILLEGAL_PARAMETER", $"{name}: {reply}");
        }

        var weChat = await host.PostFufuAsync("preOrder",
            Body("C10", "\"trade_type\":\"JSAPI\",\"channel_type\":\"2\",\"openId\":\"o1\",\"subAppId\":\"wx17e91dae2802695e\""), merchant.Key);
        Assert.Equal("SUCCESS", Text(weChat, "data.return_code"));
        using var payInfo = System.Text.Json.JsonDocument.Parse(Text(weChat, "data.payInfo"));
        Assert.Equal("wx17e91dae2802695e", payInfo.RootElement.GetProperty("appId").GetString());
    }

    [Fact]
    public async Task Order_WithAChannelOutsideTheDictionary_IsIllegalParameter_AndChargesNobody()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        const string code = "281234567890123457";
        await host.Grains.GetPayerCodeGrain(code).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        var shopBefore = await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop);

        var reply = await host.PostFufuAsync("order", $$"""
            {"busi_id":"{{merchant.MerchantId}}","out_trade_no":"X1","total_fee":"250","channel_type":"9","auth_code":"{{code}}",
             "pay_subject":"测试商品1","fee_type":"CNY"}
            """, merchant.Key);
        var query = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"X1"}""", merchant.Key);

        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(reply, "data.return_code"), Text(reply, "data.return_msg")));
        Assert.Equal("CHARGE_NONEXISTENT", Text(query, "data.return_msg"));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
        Assert.Equal(shopBefore, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop));
    }

    [Fact]
    public async Task BarCodeOrder_SentAgainWithAnotherPayersCode_IsSerialRepeat_AndChargesOnce()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        const string first = "281234567890123460", second = "281234567890123461";
        await host.Grains.GetPayerCodeGrain(first).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        await host.Grains.GetPayerCodeGrain(second).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        string Body(string code) => $$"""
            {"busi_id":"{{merchant.MerchantId}}","out_trade_no":"D1","total_fee":"250","channel_type":"1","auth_code":"{{code}}",
             "pay_subject":"测试商品1","fee_type":"CNY"}
            """;

        var paid = await host.PostFufuAsync("order", Body(first), merchant.Key);
        var other = await host.PostFufuAsync("order", Body(second), merchant.Key);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1)); // the same body at the same millisecond would be a replay
        var retry = await host.PostFufuAsync("order", Body(first), merchant.Key);

        Assert.Equal(("SUCCESS", first), (Text(paid, "data.return_code"), Text(paid, "data.auth_code")));
        Assert.Equal("SERIAL_REPEAT", Text(other, "data.return_msg"));
        // Nothing of the first payer's order: neither its state (paid) nor the first payer's code.
        Assert.False(other.GetProperty("data").TryGetProperty("state", out _));
        Assert.False(other.GetProperty("data").TryGetProperty("auth_code", out _));
        Assert.DoesNotContain(first, other.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(("SUCCESS", first), (Text(retry, "data.return_code"), Text(retry, "data.auth_code")));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen - 250, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
    }

    [Fact]
    public async Task Query_NamingNoOrder_IsIllegalParameter()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var reply = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}"}""", merchant.Key);

        Assert.Equal(("FAIL", "ILLEGAL_PARAMETER"), (Text(reply, "data.return_code"), Text(reply, "data.return_msg")));
    }

    [Fact]
    public async Task Query_OfUnknownOrder_ReturnsChargeNonexistent()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();

        var reply = await host.PostFufuAsync("query", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"nope"}""", merchant.Key);

        Assert.Equal(("SUCCESS", "FAIL", "CHARGE_NONEXISTENT"),
            (Text(reply, "result.return_code"), Text(reply, "data.return_code"), Text(reply, "data.return_msg")));
    }

    /// <summary>A bar-code order of 2.50 paid by the payer with a payer code issued for it.</summary>
    private static async Task<System.Text.Json.JsonElement> PayBarCodeOrderAsync(MerchantGatewayHost host, MerchantCredentials merchant, string code, string orderNumber)
    {
        await host.Grains.GetPayerCodeGrain(code).IssueAsync(MerchantTestCluster.Payer, MerchantTestCluster.Password);
        return await host.PostFufuAsync("order", $$"""
            {"busi_id":"{{merchant.MerchantId}}","out_trade_no":"{{orderNumber}}","total_fee":"250","channel_type":"1","auth_code":"{{code}}","pay_subject":"测试商品1","fee_type":"CNY","terminal_id":"收银机 1"}
            """, merchant.Key);
    }

    /// <summary>
    /// Seed 001 §2.8.2 returns refund_fee, refund_subject, gmt_refund_time, operator_id, terminal_id and time_zone only
    /// when trade_status is succ: a merchant reading refund_fee alone must not book a refund that failed.
    /// </summary>
    [Fact]
    public async Task RefundQuery_OfARefundThatFailed_SaysFail_WithoutTheFieldsOfASucceededRefund()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        string Body(string extra) => $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"B2",{{extra}}}""";
        var paid = await PayBarCodeOrderAsync(host, merchant, "281234567890123457", "B2");
        Assert.Equal("SUCCESS", Text(paid, "data.return_code"));
        // The settlement account keeps less than the refund, so the refund fails and is stored as failed.
        var settlementFen = await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Shop);
        Assert.Equal(AccountResult.Ok, await host.Grains.GetGrain<IAccountGrain>(MerchantTestCluster.Shop)
            .ApplyAsync(new AccountMovement(Guid.NewGuid().ToString("N"), MovementKind.Withdrawal, settlementFen - 50, null, null)));

        var refund = await host.PostFufuAsync("refund", Body("\"out_refund_no\":\"RF3\",\"refund_fee\":\"100\",\"refund_subject\":\"退款\",\"operator_id\":\"o\",\"terminal_id\":\"t\""), merchant.Key);
        var query = await host.PostFufuAsync("refundQuery", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"RF3"}""", merchant.Key);

        Assert.Equal(("FAIL", "INVALID_CONTRACT"), (Text(refund, "data.return_code"), Text(refund, "data.return_msg")));
        Assert.Equal(("SUCCESS", "fail", "RF3"), (Text(query, "data.return_code"), Text(query, "data.trade_status"), Text(query, "data.out_trade_no")));
        var data = query.GetProperty("data");
        Assert.All(["refund_fee", "refund_amount_cny", "refund_subject", "gmt_refund_time", "operator_id", "terminal_id", "time_zone"],
            name => Assert.False(data.TryGetProperty(name, out _), $"{name} in a failed refund's query: {query}"));
    }

    [Fact]
    public async Task BarCodeOrder_PaidWithPayerCode_ThenRefundsCloseAndCancelFollowTheRules()
    {
        await using var host = await StartAsync(store);
        var merchant = await host.SeedAsync();
        const string code = "281234567890123456";
        string Body(string extra) => $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"B1",{{extra}}}""";

        var paid = await PayBarCodeOrderAsync(host, merchant, code, "B1");
        var tooMuch = await host.PostFufuAsync("refund", Body("\"out_refund_no\":\"RF1\",\"refund_fee\":\"251\",\"refund_subject\":\"退款\""), merchant.Key);
        var refund = await host.PostFufuAsync("refund", Body("\"out_refund_no\":\"RF2\",\"refund_fee\":\"50\",\"refund_subject\":\"退款\""), merchant.Key);
        var refundQuery = await host.PostFufuAsync("refundQuery", $$"""{"busi_id":"{{merchant.MerchantId}}","out_trade_no":"RF2"}""", merchant.Key);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        var close = await host.PostFufuAsync("close", Body("\"operator_id\":\"o\""), merchant.Key);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1)); // the same body at the same millisecond would be a replay
        var cancel = await host.PostFufuAsync("cancel", Body("\"operator_id\":\"o\""), merchant.Key);

        Assert.Equal(("SUCCESS", "1", code), (Text(paid, "data.return_code"), Text(paid, "data.state"), Text(paid, "data.auth_code")));
        Assert.Equal("AMT_ERROR", Text(tooMuch, "data.return_msg"));
        Assert.Equal(("SUCCESS", "4"), (Text(refund, "data.return_code"), Text(refund, "data.refund_fee") == "50" ? "4" : "?"));
        Assert.Equal(("succ", "50"), (Text(refundQuery, "data.trade_status"), Text(refundQuery, "data.refund_fee")));
        Assert.Equal("ORDER_PAID", Text(close, "data.return_msg"));
        Assert.Equal("ORDER_PAID", Text(cancel, "data.return_msg"));
        Assert.Equal(MerchantTestCluster.PayerBalanceFen - 200, await MerchantTestCluster.BalanceAsync(host.Grains, MerchantTestCluster.Payer));
    }

    [Theory]
    [InlineData(null, 401, "ADMIN_TOKEN_MISSING")]
    [InlineData("wrong-token", 403, "ADMIN_TOKEN_INVALID")]
    public async Task AdminRegistration_WithoutTheAdminToken_IsRefusedAndRegistersNothing(string? token, int status, string reason)
    {
        await using var host = await StartAsync(store);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/merchants")
        {
            Content = new StringContent("{\"name\":\"x\",\"settlementAccount\":\"账户2\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, token);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains($"\"reason\":\"{reason}\"", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("\"key\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "text/plain", "MALFORMED_JSON")]
    [InlineData("name=x&settlementAccount=y", "application/x-www-form-urlencoded", "MALFORMED_JSON")]
    [InlineData("[\"x\"]", "application/json", "MALFORMED_JSON")]
    [InlineData("{\"name\":\"x\"}", "application/json", "name and settlementAccount are required")]
    [InlineData("{\"name\":\"x\",\"settlementAccount\":12}", "application/json", "name and settlementAccount are required")]
    [InlineData("{\"name\":\"x\",\"settlementAccount\":\"shop\\u0000\"}", "application/json", "control characters")]
    [InlineData("{\"name\":\"x\",\"Name\":\"y\",\"settlementAccount\":\"shop\"}", "application/json", "Each field may be given once")]
    [InlineData("{\"name\":\"x\",\"settlementAccount\":\"" + FrozenShop + "\"}", "application/json", "settlementAccount is frozen")]
    public async Task AdminRegistration_WithABodyThatIsNotARegistration_Answers400WithAReason(string body, string contentType, string reason)
    {
        await using var host = await StartAsync(store);
        await host.Grains.GetGrain<IAccountGrain>(FrozenShop).OpenAsync("password-1", 0);
        await host.Grains.GetGrain<IAccountGrain>(FrozenShop).FreezeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/merchants")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.Add(AdminCredential.HeaderName, MerchantGatewayHost.AdminToken);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
