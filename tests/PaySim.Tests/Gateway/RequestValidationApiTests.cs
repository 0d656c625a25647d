using System.Net;

namespace PaySim.Tests.Gateway;

/// <summary>Malformed requests: each is a 4xx with a reason, and none changes anything.</summary>
public abstract class RequestValidationApiTests(PaySimApiFixture fixture)
{
    public static TheoryData<string, string, string?> MalformedBodies => new()
    {
        { "not json", "MALFORMED_JSON", null },
        { "[1,2]", "MALFORMED_JSON", null },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":1", "MALFORMED_JSON", null },
        { "{\"method\":\"充值\",\"method\":\"提现\",\"username\":\"u\",\"sum\":1}", "MALFORMED_JSON", null },
        { "{\"username\":\"u\"}", "MISSING_FIELD", "method" },
        { "{\"method\":42}", "INVALID_FIELD_TYPE", "method" },
        { "{\"method\":\"偷钱\"}", "UNKNOWN_METHOD", "method" },
        { "{\"method\":\"充值\",\"sum\":1}", "MISSING_FIELD", "username" },
        { "{\"method\":\"充值\",\"username\":\"\",\"sum\":1}", "EMPTY_FIELD", "username" },
        { "{\"method\":\"充值\",\"username\":7,\"sum\":1}", "INVALID_FIELD_TYPE", "username" },
        { "{\"method\":\"充值\",\"username\":\"" + new string('u', 65) + "\",\"sum\":1}", "FIELD_TOO_LONG", "username" },
        { "{\"method\":\"充值\",\"username\":\"u\"}", "MISSING_FIELD", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":1.5}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":\"1.5\"}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":1e3}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":\"abc\"}", "INVALID_INTEGER", "sum" },
        // long.TryParse takes trailing NULs: "5\0" was a deposit of 5 fen.
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":\"5\\u0000\"}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"发起交易\",\"target\":\"a\",\"source\":\"b\",\"tradeID\":\"t\",\"sum\":1,\"timeLimit\":\"5\\u0000\\u0000\"}", "INVALID_INTEGER", "timeLimit" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":\" 5\"}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":99999999999999999999}", "INVALID_INTEGER", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":true}", "INVALID_FIELD_TYPE", "sum" },
        { "{\"method\":\"充值\",\"username\":\"u\",\"sum\":1,\"requestId\":\"" + new string('r', 65) + "\"}", "FIELD_TOO_LONG", "requestId" },
        { "{\"method\":\"支付交易\",\"tradeID\":\"" + new string('t', 65) + "\",\"username\":\"u\",\"password\":\"p\"}", "FIELD_TOO_LONG", "tradeID" },
        { "{\"method\":\"支付交易\",\"tradeID\":\"t\",\"username\":\"u\",\"password\":\"" + new string('p', 129) + "\"}", "FIELD_TOO_LONG", "password" },
        { "{\"method\":\"发起交易\",\"target\":\"a\",\"source\":\"b\",\"tradeID\":\"t\",\"sum\":1}", "MISSING_FIELD", "timeLimit" },
        { "{\"method\":\"主动转账\",\"source\":\"a\",\"target\":[],\"sum\":1}", "INVALID_FIELD_TYPE", "target" },
        // Whitespace names no account (Orleans refuses it as a key): such a target once took the source's money.
        { "{\"method\":\"主动转账\",\"source\":\"账户1\",\"target\":\" \",\"sum\":1}", "EMPTY_FIELD", "target" },
        { "{\"method\":\"主动转账\",\"source\":\"\\u3000\",\"target\":\"账户2\",\"sum\":1}", "EMPTY_FIELD", "source" },
        { "{\"method\":\"查询账户信息\",\"username\":\"\\t\"}", "EMPTY_FIELD", "username" },
        { "{\"method\":\"查询交易\",\"tradeID\":\" \"}", "EMPTY_FIELD", "tradeID" },
        // A NUL cannot be stored by PostgreSQL (it failed the other reads of its batch); CR LF would forge log lines.
        { "{\"method\":\"查询账户信息\",\"username\":\"z\\u0000\"}", "CONTROL_CHARACTER", "username" },
        { "{\"method\":\"充值\",\"username\":\"账户1\",\"sum\":1,\"requestId\":\"r\\r\\ncrit: forged\"}", "CONTROL_CHARACTER", "requestId" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedRequest_IsBadRequest_WithAReason(string body, string reason, string? field)
    {
        var response = await fixture.PostRawAsync(body);

        Assert.Equal((HttpStatusCode.BadRequest, reason, field), (response.Status, response["reason"], response["field"]));
    }

    /// <summary>
    /// Bodies whose text is not Unicode: <c>&lt;FF&gt;</c> stands for the byte 0xFF (never valid in UTF-8), and
    /// <c>\ud800</c> / <c>\udc00</c> are lone surrogate escapes, which no string can hold. Wherever they are (a field
    /// the method reads, the method itself, an ignored field, a name), the body is not JSON text.
    /// </summary>
    public static TheoryData<string> NonUnicodeBodies => new()
    {
        "{\"method\":\"查询账户信息\",\"username\":\"a<FF>\"}",
        "{\"method\":\"查询账户信息\",\"username\":\"\\ud800\"}",
        "{\"method\":\"\\udc00\",\"username\":\"账户1\"}",
        "{\"method\":\"查询账户信息\",\"username\":\"账户1\",\"note\":\"\\ud800x\"}",
        "{\"method\":\"查询账户信息\",\"a<FF>\":1,\"username\":\"账户1\"}",
        "{\"method\":\"支付交易\",\"tradeID\":\"t\",\"username\":\"账户1\",\"password\":\"12<FF>3456\"}",
        "{\"method\":\"充值\",\"username\":\"账户1\",\"sum\":\"1\\ud800\"}",
        // In a name: the parser's duplicate-name check decodes names itself, and threw another exception for these.
        "{\"\\udc00\":1}",
        "{\"method\":\"查询账户信息\",\"username\":\"账户1\",\"\\ud800x\":1}",
    };

    [Theory]
    [MemberData(nameof(NonUnicodeBodies))]
    public async Task BodyWithInvalidUtf8OrALoneSurrogate_IsMalformedJson_NotUnavailable(string body)
    {
        var parts = body.Split("<FF>").Select(part => System.Text.Encoding.UTF8.GetBytes(part));
        var bytes = parts.Aggregate((left, right) => [.. left, 0xFF, .. right]);

        var response = await fixture.PostBytesAsync(bytes);

        Assert.Equal((HttpStatusCode.BadRequest, "MALFORMED_JSON"), (response.Status, response["reason"]));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    [InlineData("BREW")]
    public async Task AnotherHttpMethod_Is405_WithAReason_AndAllowPost(string method)
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/PaySim"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains("\"reason\":\"METHOD_NOT_ALLOWED\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedDeposit_ChangesNothing()
    {
        var username = await fixture.OpenAccountAsync(100);

        await fixture.PostRawAsync($"{{\"method\":\"充值\",\"username\":\"{username}\",\"sum\":12.5}}");
        await fixture.PostRawAsync($"{{\"method\":\"充值\",\"username\":\"{username}\",\"sum\":\"-\"}}");

        Assert.Equal(100, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task OversizedBody_IsRefused_With413()
    {
        var response = await fixture.PostRawAsync("{\"method\":\"充值\",\"pad\":\"" + new string('x', 20_000) + "\"}");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE"), (response.Status, response["reason"]));
    }

    [Fact]
    public async Task BodyWithoutLength_IsRead_AndRefusedWith413_OnceItPassesTheBound()
    {
        var username = await fixture.OpenAccountAsync(0);

        var deposit = await fixture.PostWithoutLengthAsync($"{{\"method\":\"充值\",\"username\":\"{username}\",\"sum\":7}}");
        var oversized = await fixture.PostWithoutLengthAsync("{\"method\":\"充值\",\"pad\":\"" + new string('x', 20_000) + "\"}");

        Assert.Equal("充值成功", deposit["result"]);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE"), (oversized.Status, oversized["reason"]));
        Assert.Equal(7, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task NullOptionalFields_CountAsAbsent()
    {
        var username = await fixture.OpenAccountAsync(0);

        var response = await fixture.PostAsync(new { method = "充值", username, sum = 5, requestId = (string?)null });

        Assert.Equal("充值成功", response["result"]);
    }
}
