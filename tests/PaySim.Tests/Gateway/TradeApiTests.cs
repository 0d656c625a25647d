using System.Net;

namespace PaySim.Tests.Gateway;

/// <summary>发起交易, 支付交易 and 查询交易 over HTTP.</summary>
public abstract class TradeApiTests(PaySimApiFixture fixture)
{
    private static string NewTradeId() => "order-" + Guid.NewGuid().ToString("N");

    private async Task<(string TradeId, string TransactionId, string Payer, string Merchant)> CreateTradeAsync(long payerFen, long sum, long timeLimit = 30)
    {
        var payer = await fixture.OpenAccountAsync(payerFen);
        var merchant = await fixture.OpenAccountAsync(0);
        var tradeId = NewTradeId();
        var created = await fixture.PostAsync(new { method = "发起交易", target = merchant, source = payer, tradeID = tradeId, sum, timeLimit });
        Assert.True(created["result"] == "交易创建成功", created.ToString());
        return (tradeId, created["transactionID"]!, payer, merchant);
    }

    private Task<PaySimResponse> PayAsync(string tradeId, string username, string password = PaySimApiFixture.Password) =>
        fixture.PostAsync(new { method = "支付交易", tradeID = tradeId, username, password });

    private async Task<string?> TradeStateAsync(string tradeId) =>
        (await fixture.PostAsync(new { method = "查询交易", tradeID = tradeId }))["tradeState"];

    [Fact]
    public async Task CreateTrade_AnswersATransactionId_AndTheQueryShowsAPendingTrade()
    {
        var (tradeId, transactionId, payer, merchant) = await CreateTradeAsync(0, 300);

        var queried = await fixture.PostAsync(new { method = "查询交易", tradeID = tradeId });

        Assert.Matches("^[0-9]{27}$", transactionId);
        Assert.Equal(
            (transactionId, tradeId, "待支付", payer, merchant),
            (queried["transactionID"], queried["tradeID"], queried["tradeState"], queried["source"], queried["target"]));
    }

    [Fact]
    public async Task CreateTrade_Refusals_AnswerTradeCreationFailedWithTheirReason()
    {
        var (takenId, _, payer, merchant) = await CreateTradeAsync(0, 300);
        var frozen = await fixture.OpenAccountAsync(0);
        await fixture.PostAsAdminAsync(new { method = "冻结账户", username = frozen });
        var ghost = "ghost-" + Guid.NewGuid().ToString("N");

        var cases = new (object Body, string Reason)[]
        {
            (new { method = "发起交易", target = merchant, source = payer, tradeID = takenId, sum = 1, timeLimit = 5 }, "TRADE_ID_TAKEN"),
            (new { method = "发起交易", target = merchant, source = payer, tradeID = NewTradeId(), sum = 0, timeLimit = 5 }, "INVALID_AMOUNT"),
            (new { method = "发起交易", target = merchant, source = payer, tradeID = NewTradeId(), sum = 1, timeLimit = 0 }, "INVALID_TIME_LIMIT"),
            (new { method = "发起交易", target = merchant, source = payer, tradeID = NewTradeId(), sum = 1, timeLimit = 10_081 }, "INVALID_TIME_LIMIT"),
            (new { method = "发起交易", target = payer, source = payer, tradeID = NewTradeId(), sum = 1, timeLimit = 5 }, "SAME_ACCOUNT"),
            (new { method = "发起交易", target = ghost, source = payer, tradeID = NewTradeId(), sum = 1, timeLimit = 5 }, "NO_SUCH_ACCOUNT"),
            (new { method = "发起交易", target = merchant, source = frozen, tradeID = NewTradeId(), sum = 1, timeLimit = 5 }, "ACCOUNT_FROZEN"),
        };
        foreach (var (body, reason) in cases)
        {
            var response = await fixture.PostAsync(body);
            Assert.Equal(("交易创建失败", reason), (response["result"], response["reason"]));
        }
    }

    [Fact]
    public async Task PayTrade_MovesTheSum_MarksItPaid_AndASecondPaymentIsRefused()
    {
        var (tradeId, _, payer, merchant) = await CreateTradeAsync(1_000, 300);

        var paid = await PayAsync(tradeId, payer);
        var again = await PayAsync(tradeId, payer);

        Assert.Equal("支付成功", paid["result"]);
        Assert.Equal(("支付失败", "ALREADY_PAID"), (again["result"], again["reason"]));
        Assert.Equal("已支付", await TradeStateAsync(tradeId));
        Assert.Equal((700L, 300L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task PayTrade_Refusals_AnswerPaymentFailedWithTheirReason_AndMoveNothing()
    {
        var (tradeId, _, payer, merchant) = await CreateTradeAsync(100, 300);

        var cases = new (Task<PaySimResponse> Response, string Reason)[]
        {
            (PayAsync(NewTradeId(), payer), "NO_SUCH_TRADE"),
            (PayAsync(tradeId, merchant), "NOT_TRADE_SOURCE"),
            (PayAsync(tradeId, payer, "wrong"), "BAD_PASSWORD"),
            (PayAsync(tradeId, payer), "INSUFFICIENT_FUNDS"),
        };
        foreach (var (response, reason) in cases)
        {
            var answer = await response;
            Assert.Equal(("支付失败", reason), (answer["result"], answer["reason"]));
        }

        Assert.Equal("待支付", await TradeStateAsync(tradeId));
        Assert.Equal((100L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task PayTrade_WithThePasswordFollowedByANul_IsBadPassword_AndMovesNothing()
    {
        var (tradeId, _, payer, merchant) = await CreateTradeAsync(1_000, 300);

        var answer = await PayAsync(tradeId, payer, PaySimApiFixture.Password + "\0");

        Assert.Equal(("支付失败", "BAD_PASSWORD"), (answer["result"], answer["reason"]));
        Assert.Equal("待支付", await TradeStateAsync(tradeId));
        Assert.Equal((1_000L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task Trade_PastItsTimeLimit_ShowsExpired_AndRefusesPayment()
    {
        var (tradeId, _, payer, _) = await CreateTradeAsync(1_000, 300, timeLimit: 1);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("已超时", await TradeStateAsync(tradeId));
        var refused = await PayAsync(tradeId, payer);
        Assert.Equal(("支付失败", "TRADE_EXPIRED"), (refused["result"], refused["reason"]));
        Assert.Equal(1_000, await fixture.BalanceAsync(payer));
    }

    [Fact]
    public async Task SixtyFourConcurrentPayments_OfOneTrade_AnswerPaidExactlyOnce()
    {
        var (tradeId, _, payer, merchant) = await CreateTradeAsync(10_000, 300);

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => PayAsync(tradeId, payer)));

        Assert.Equal(1, answers.Count(answer => answer["result"] == "支付成功"));
        Assert.Equal(63, answers.Count(answer => answer["reason"] == "ALREADY_PAID"));
        Assert.Equal((9_700L, 300L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
    }

    [Fact]
    public async Task QueryTrade_OfAnUnknownTradeId_IsNotFound()
    {
        var response = await fixture.PostAsync(new { method = "查询交易", tradeID = NewTradeId() });

        Assert.Equal((HttpStatusCode.NotFound, "NO_SUCH_TRADE"), (response.Status, response["reason"]));
    }
}
