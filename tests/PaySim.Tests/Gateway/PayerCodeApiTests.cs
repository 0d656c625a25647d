using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaySim.Grains.Interfaces.Merchant;
using Orleans;

namespace PaySim.Tests.Gateway;

/// <summary>获取付款码 over HTTP: a payer obtains a one-time code for a merchant's bar-code payment.</summary>
public abstract class PayerCodeApiTests(PaySimApiFixture fixture)
{
    [Fact]
    public async Task GetPayerCode_WithTheRightPassword_AnswersAnEighteenDigitCodeValidForSixtySeconds()
    {
        var username = await fixture.OpenAccountAsync(1_000);

        var reply = await fixture.PostAsync(new { method = "获取付款码", username, password = PaySimApiFixture.Password });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("获取成功", reply["result"]);
        Assert.Matches("^28[0-9]{16}$", reply["payerCode"]);
        var expectedExpiry = fixture.Clock.GetUtcNow().AddSeconds(60).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(expectedExpiry, reply["expireTimestamp"]);
        var redemption = await fixture.Services.GetRequiredService<IGrainFactory>().GetPayerCodeGrain(reply["payerCode"]!).RedeemAsync("order-1");
        Assert.Equal((PayerCodeResult.Ok, username), (redemption.Result, redemption.Username));
    }

    [Fact]
    public async Task GetPayerCode_WithAWrongPassword_FailsWithBadPassword()
    {
        var username = await fixture.OpenAccountAsync(1_000);

        var reply = await fixture.PostAsync(new { method = "获取付款码", username, password = "not-the-password" });

        Assert.Equal((HttpStatusCode.OK, "获取失败", "BAD_PASSWORD", null), (reply.Status, reply["result"], reply["reason"], reply["payerCode"]));
    }

    [Fact]
    public async Task GetPayerCode_WithThePasswordFollowedByANul_FailsWithBadPassword()
    {
        var username = await fixture.OpenAccountAsync(1_000);

        var reply = await fixture.PostAsync(new { method = "获取付款码", username, password = PaySimApiFixture.Password + "\0" });

        Assert.Equal((HttpStatusCode.OK, "获取失败", "BAD_PASSWORD", null), (reply.Status, reply["result"], reply["reason"], reply["payerCode"]));
    }

    [Fact]
    public async Task GetPayerCode_ForAnUnknownAccount_FailsWithNoSuchAccount()
    {
        var reply = await fixture.PostAsync(new { method = "获取付款码", username = "nobody-" + Guid.NewGuid().ToString("N"), password = "x" });

        Assert.Equal((HttpStatusCode.OK, "获取失败", "NO_SUCH_ACCOUNT", null), (reply.Status, reply["result"], reply["reason"], reply["payerCode"]));
    }

    [Fact]
    public async Task GetPayerCode_ForAFrozenAccount_FailsWithAccountFrozen()
    {
        var username = await fixture.OpenAccountAsync(1_000);
        Assert.Equal("已冻结", (await fixture.PostAsAdminAsync(new { method = "冻结账户", username }))["result"]);

        var reply = await fixture.PostAsync(new { method = "获取付款码", username, password = PaySimApiFixture.Password });

        Assert.Equal((HttpStatusCode.OK, "获取失败", "ACCOUNT_FROZEN", null), (reply.Status, reply["result"], reply["reason"], reply["payerCode"]));
    }

    [Fact]
    public async Task GetPayerCode_WithoutAPassword_IsAMalformedRequest()
    {
        var reply = await fixture.PostAsync(new { method = "获取付款码", username = "账户1" });

        Assert.Equal((HttpStatusCode.BadRequest, "MISSING_FIELD", "password"), (reply.Status, reply["reason"], reply["field"]));
    }
}
