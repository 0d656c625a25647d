using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Gateway;

/// <summary>创建账户, 绑定微信, 冻结账户, 查询账户信息 and the seeded test accounts, over HTTP.</summary>
public abstract class AccountApiTests(PaySimApiFixture fixture)
{
    [Fact]
    public async Task SeededTestAccounts_ExistWithTheSeedsBalances_AndPassword123456()
    {
        var rich = await fixture.PostAsync(new { method = "查询账户信息", username = "账户1" });
        var empty = await fixture.PostAsync(new { method = "查询账户信息", username = "账户2" });

        Assert.Equal(("正常", 100_000_000L), (rich["accountState"], rich.Body.GetProperty("accountBalance").GetInt64()));
        Assert.Equal(("正常", 0L), (empty["accountState"], empty.Body.GetProperty("accountBalance").GetInt64()));
        var tradeId = "seed-" + Guid.NewGuid().ToString("N");
        await fixture.PostAsync(new { method = "发起交易", target = "账户1", source = "账户2", tradeID = tradeId, sum = 1, timeLimit = 5 });
        Assert.Equal("BAD_PASSWORD", (await fixture.PostAsync(new { method = "支付交易", tradeID = tradeId, username = "账户2", password = "654321" }))["reason"]);
        Assert.Equal("INSUFFICIENT_FUNDS", (await fixture.PostAsync(new { method = "支付交易", tradeID = tradeId, username = "账户2", password = "123456" }))["reason"]);
    }

    [Fact]
    public async Task CreateAccount_WithTheAdminToken_AnswersCreatedWithAnOpenId_AndTheAccountIsQueryable()
    {
        var username = "new-" + Guid.NewGuid().ToString("N");

        var created = await fixture.PostAsAdminAsync(new { method = "创建账户", username, password = "pw", initBalance = 1_500 });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("创建成功", created["result"]);
        Assert.Matches("^o[A-Za-z0-9_-]{27}$", created["openID"]);
        var queried = await fixture.PostAsync(new { method = "查询账户信息", username });
        Assert.Equal(HttpStatusCode.OK, queried.Status);
        Assert.Equal(created["openID"], queried["openID"]);
        Assert.Equal("正常", queried["accountState"]);
        Assert.Equal(1_500, queried.Body.GetProperty("accountBalance").GetInt64());
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), queried["checkTimestamp"]);
    }

    [Fact]
    public async Task CreateAccount_Twice_AnswersCreationFailedWithAccountExists()
    {
        var username = await fixture.OpenAccountAsync(10);

        var second = await fixture.PostAsAdminAsync(new { method = "创建账户", username, password = "other", initBalance = 99 });

        Assert.Equal(("创建失败", "ACCOUNT_EXISTS"), (second["result"], second["reason"]));
        Assert.Equal(10, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task CreateAccount_WithANegativeInitialBalance_AnswersCreationFailedWithInvalidAmount()
    {
        var response = await fixture.PostAsAdminAsync(new { method = "创建账户", username = "neg-" + Guid.NewGuid().ToString("N"), password = "pw", initBalance = -1 });

        Assert.Equal(("创建失败", "INVALID_AMOUNT"), (response["result"], response["reason"]));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "ADMIN_TOKEN_MISSING")]
    [InlineData("wrong-token", HttpStatusCode.Forbidden, "ADMIN_TOKEN_INVALID")]
    public async Task AdminMethods_WithoutTheRightToken_AreRefused_AndChangeNothing(string? token, HttpStatusCode status, string reason)
    {
        var username = await fixture.OpenAccountAsync(0);
        var newName = "denied-" + Guid.NewGuid().ToString("N");

        var create = await fixture.PostAsync(new { method = "创建账户", username = newName, password = "pw", initBalance = 5 }, token);
        var freeze = await fixture.PostAsync(new { method = "冻结账户", username }, token);
        var reconcile = await fixture.PostAsync(new { method = "对账" }, token);

        Assert.All([create, freeze, reconcile], response => Assert.Equal((status, reason), (response.Status, response["reason"])));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PostAsync(new { method = "查询账户信息", username = newName })).Status);
        Assert.Equal("正常", (await fixture.PostAsync(new { method = "查询账户信息", username }))["accountState"]);
    }

    [Fact]
    public async Task FreezeAccount_AnswersFrozen_ShowsInTheQuery_AndBlocksDeposits()
    {
        var username = await fixture.OpenAccountAsync(100);

        var frozen = await fixture.PostAsAdminAsync(new { method = "冻结账户", username });

        Assert.Equal((HttpStatusCode.OK, "已冻结"), (frozen.Status, frozen["result"]));
        Assert.Equal("已冻结", (await fixture.PostAsync(new { method = "查询账户信息", username }))["accountState"]);
        var deposit = await fixture.PostAsync(new { method = "充值", username, sum = 5 });
        Assert.Equal(("充值失败", "ACCOUNT_FROZEN"), (deposit["result"], deposit["reason"]));
        Assert.Equal(100, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task FreezeAccount_OfAMissingAccount_IsNotFound()
    {
        var response = await fixture.PostAsAdminAsync(new { method = "冻结账户", username = "ghost-" + Guid.NewGuid().ToString("N") });

        Assert.Equal((HttpStatusCode.NotFound, "NO_SUCH_ACCOUNT"), (response.Status, response["reason"]));
    }

    [Fact]
    public async Task BindWeChat_AnswersBound_AndTheQueryShowsTheNewOpenId()
    {
        var username = await fixture.OpenAccountAsync(0);

        var bound = await fixture.PostAsync(new { method = "绑定微信", username, openID = "oWeChat1234567890" });

        Assert.Equal("绑定成功", bound["result"]);
        Assert.Equal("oWeChat1234567890", (await fixture.PostAsync(new { method = "查询账户信息", username }))["openID"]);
    }

    [Fact]
    public async Task BindWeChat_AndQueryAccount_OfAMissingAccount_AreNotFound()
    {
        var ghost = "ghost-" + Guid.NewGuid().ToString("N");

        var bind = await fixture.PostAsync(new { method = "绑定微信", username = ghost, openID = "oX" });
        var query = await fixture.PostAsync(new { method = "查询账户信息", username = ghost });

        Assert.Equal((HttpStatusCode.NotFound, "NO_SUCH_ACCOUNT"), (bind.Status, bind["reason"]));
        Assert.Equal((HttpStatusCode.NotFound, "NO_SUCH_ACCOUNT"), (query.Status, query["reason"]));
    }

    [Fact]
    public async Task Reconcile_WithTheAdminToken_ReportsBooksInBalance()
    {
        var username = await fixture.OpenAccountAsync(1_000);
        await fixture.PostAsync(new { method = "提现", username, sum = 300 });

        var report = await fixture.PostAsAdminAsync(new { method = "对账" });

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal((0L, 0L), (report.Body.GetProperty("inFlightFen").GetInt64(), report.Body.GetProperty("lostFen").GetInt64()));
    }

    [Fact]
    public void Gateway_RunsOnTheFixturesStore()
    {
        var options = fixture.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(fixture.StorageKind, options.Provider);
    }

    [Fact]
    public async Task Health_AnswersOk()
    {
        var response = await fixture.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_WithTheSiloUp_AnswersReady()
    {
        var response = await fixture.Client.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "{\"status\":\"ready\"}"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task CreateAccounts_OpensTheBatchWithOnePassword_AndARerunOpensOnlyWhatIsMissing()
    {
        var prefix = "bulk-" + Guid.NewGuid().ToString("N")[..8] + "-";

        var opened = await fixture.PostAsAdminAsync(new { method = "批量创建账户", prefix, count = 25, password = "bulk-pw", initBalance = 300 });
        var rerun = await fixture.PostAsAdminAsync(new { method = "批量创建账户", prefix, first = 20, count = 10, password = "bulk-pw", initBalance = 300 });

        Assert.Equal(("创建成功", "25", "0"), (opened["result"], opened["opened"], opened["existing"]));
        Assert.Equal(("4", "6"), (rerun["opened"], rerun["existing"]));
        Assert.Equal((300L, 300L), (await fixture.BalanceAsync(prefix + "1"), await fixture.BalanceAsync(prefix + "29")));
        Assert.Equal("提现成功", (await fixture.PostAsync(new { method = "提现", username = prefix + "7", sum = 100, password = "bulk-pw" }))["result"]);
        Assert.Equal("BAD_PASSWORD", (await fixture.PostAsync(new { method = "提现", username = prefix + "8", sum = 100, password = "other" }))["reason"]);
        Assert.Equal("True", (await fixture.PostAsAdminAsync(new { method = "对账" }))["ok"]);
    }

    [Fact]
    public async Task CreateAccounts_NeedsTheAdminToken_AndRefusesABatchOutsideItsBounds()
    {
        var prefix = "bulk-" + Guid.NewGuid().ToString("N")[..8] + "-";

        var anonymous = await fixture.PostAsync(new { method = "批量创建账户", prefix, count = 5, password = "pw" });
        var tooMany = await fixture.PostAsAdminAsync(new { method = "批量创建账户", prefix, count = 10_001, password = "pw" });
        var tooLong = await fixture.PostAsAdminAsync(new { method = "批量创建账户", prefix = new string('p', 60), count = 100_000 - 1, first = 1, password = "pw" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(("创建失败", "INVALID_BATCH"), (tooMany["result"], tooMany["reason"]));
        Assert.Equal(("创建失败", "INVALID_BATCH"), (tooLong["result"], tooLong["reason"]));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PostAsync(new { method = "查询账户信息", username = prefix + "1" })).Status);
    }
}
