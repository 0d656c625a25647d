namespace PaySim.Tests.Gateway;

/// <summary>充值, 提现 and 主动转账 over HTTP, including request-id retries and many concurrent transfers.</summary>
public abstract class MoneyApiTests(PaySimApiFixture fixture)
{
    [Fact]
    public async Task Deposit_AcceptsSumAsANumberOrANumericString()
    {
        var username = await fixture.OpenAccountAsync(0);

        var asNumber = await fixture.PostAsync(new { method = "充值", username, sum = 120 });
        var asString = await fixture.PostAsync(new { method = "充值", username, sum = "80" });

        Assert.Equal(("充值成功", "充值成功"), (asNumber["result"], asString["result"]));
        Assert.Equal(200, await fixture.BalanceAsync(username));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000_001)]
    public async Task Deposit_OfAnInvalidAmount_AnswersDepositFailedWithInvalidAmount(long sum)
    {
        var username = await fixture.OpenAccountAsync(10);

        var response = await fixture.PostAsync(new { method = "充值", username, sum });

        Assert.Equal(("充值失败", "INVALID_AMOUNT"), (response["result"], response["reason"]));
        Assert.Equal(10, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Deposit_ToAMissingAccount_AnswersDepositFailedWithNoSuchAccount()
    {
        var response = await fixture.PostAsync(new { method = "充值", username = "ghost-" + Guid.NewGuid().ToString("N"), sum = 1 });

        Assert.Equal(("充值失败", "NO_SUCH_ACCOUNT"), (response["result"], response["reason"]));
    }

    [Fact]
    public async Task Withdraw_TakesTheSum_AndRefusesMoreThanTheBalance()
    {
        var username = await fixture.OpenAccountAsync(500);

        var taken = await fixture.PostAsync(new { method = "提现", username, sum = "200" });
        var refused = await fixture.PostAsync(new { method = "提现", username, sum = 301 });

        Assert.Equal("提现成功", taken["result"]);
        Assert.Equal(("提现失败", "INSUFFICIENT_FUNDS"), (refused["result"], refused["reason"]));
        Assert.Equal(300, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Withdraw_WithAWrongOptionalPassword_AnswersWithdrawalFailedWithBadPassword()
    {
        var username = await fixture.OpenAccountAsync(500);

        var refused = await fixture.PostAsync(new { method = "提现", username, sum = 1, password = "wrong" });
        var taken = await fixture.PostAsync(new { method = "提现", username, sum = 1, password = PaySimApiFixture.Password });

        Assert.Equal(("提现失败", "BAD_PASSWORD"), (refused["result"], refused["reason"]));
        Assert.Equal("提现成功", taken["result"]);
        Assert.Equal(499, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Withdraw_WithThePasswordFollowedByNuls_IsBadPassword_AndTakesNothing()
    {
        var username = await fixture.OpenAccountAsync(500);

        var oneNul = await fixture.PostAsync(new { method = "提现", username, sum = 1, password = PaySimApiFixture.Password + "\0" });
        var twoNuls = await fixture.PostAsync(new { method = "提现", username, sum = 1, password = PaySimApiFixture.Password + "\0\0" });

        Assert.Equal(("提现失败", "BAD_PASSWORD"), (oneNul["result"], oneNul["reason"]));
        Assert.Equal(("提现失败", "BAD_PASSWORD"), (twoNuls["result"], twoNuls["reason"]));
        Assert.Equal(500, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task RetriedDepositAndWithdrawal_WithOneRequestId_AreAppliedOnce()
    {
        var username = await fixture.OpenAccountAsync(1_000);
        var depositId = Guid.NewGuid().ToString();
        var withdrawalId = Guid.NewGuid().ToString();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal("充值成功", (await fixture.PostAsync(new { method = "充值", username, sum = 50, requestId = depositId }))["result"]);
            Assert.Equal("提现成功", (await fixture.PostAsync(new { method = "提现", username, sum = 20, requestId = withdrawalId }))["result"]);
        }

        Assert.Equal(1_030, await fixture.BalanceAsync(username));
    }

    /// <summary>A retry is answered as the first request was only if it is authorised as the first was.</summary>
    [Fact]
    public async Task RetriedWithdrawalAndTransfer_WithAWrongPassword_AreBadPassword_NotTheFirstSuccess()
    {
        var source = await fixture.OpenAccountAsync(1_000);
        var target = await fixture.OpenAccountAsync(0);
        var (withdrawalId, transferId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        Assert.Equal("提现成功", (await fixture.PostAsync(new { method = "提现", username = source, sum = 70, requestId = withdrawalId, password = PaySimApiFixture.Password }))["result"]);
        Assert.Equal("转账成功", (await fixture.PostAsync(new { method = "主动转账", source, target, sum = 30, requestId = transferId, password = PaySimApiFixture.Password }))["result"]);

        var withdrawal = await fixture.PostAsync(new { method = "提现", username = source, sum = 70, requestId = withdrawalId, password = "WRONG" });
        var transfer = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 30, requestId = transferId, password = "WRONG" });
        var withdrawalAgain = await fixture.PostAsync(new { method = "提现", username = source, sum = 70, requestId = withdrawalId, password = PaySimApiFixture.Password });
        var transferAgain = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 30, requestId = transferId, password = PaySimApiFixture.Password });

        Assert.Equal(("提现失败", "BAD_PASSWORD"), (withdrawal["result"], withdrawal["reason"]));
        Assert.Equal(("转账失败", "BAD_PASSWORD"), (transfer["result"], transfer["reason"]));
        Assert.Equal(("提现成功", "转账成功"), (withdrawalAgain["result"], transferAgain["result"]));
        Assert.Equal((900L, 30L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task DepositAndWithdrawal_ReusingARequestIdForAnotherRequest_FailWithRequestIdConflict_AndMoveNothing()
    {
        var username = await fixture.OpenAccountAsync(1_000);
        var requestId = Guid.NewGuid().ToString();
        Assert.Equal("充值成功", (await fixture.PostAsync(new { method = "充值", username, sum = 50, requestId }))["result"]);

        var otherSum = await fixture.PostAsync(new { method = "充值", username, sum = 60, requestId });
        var otherMethod = await fixture.PostAsync(new { method = "提现", username, sum = "50", requestId });

        Assert.Equal(("充值失败", "REQUEST_ID_CONFLICT"), (otherSum["result"], otherSum["reason"]));
        Assert.Equal(("提现失败", "REQUEST_ID_CONFLICT"), (otherMethod["result"], otherMethod["reason"]));
        Assert.Equal(1_050, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Transfer_MovesTheSum_FromSourceToTarget()
    {
        var source = await fixture.OpenAccountAsync(1_000);
        var target = await fixture.OpenAccountAsync(0);

        var response = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 400 });

        Assert.Equal("转账成功", response["result"]);
        Assert.Equal((600L, 400L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task Transfer_Refusals_AnswerTransferFailedWithTheirReason_AndMoveNothing()
    {
        var source = await fixture.OpenAccountAsync(100);
        var target = await fixture.OpenAccountAsync(0);
        var frozen = await fixture.OpenAccountAsync(0);
        await fixture.PostAsAdminAsync(new { method = "冻结账户", username = frozen });
        var ghost = "ghost-" + Guid.NewGuid().ToString("N");

        var cases = new (object Body, string Reason)[]
        {
            (new { method = "主动转账", source, target, sum = 0 }, "INVALID_AMOUNT"),
            (new { method = "主动转账", source, target = source, sum = 1 }, "SAME_ACCOUNT"),
            (new { method = "主动转账", source = ghost, target, sum = 1 }, "NO_SUCH_ACCOUNT"),
            (new { method = "主动转账", source, target = ghost, sum = 1 }, "NO_SUCH_ACCOUNT"),
            (new { method = "主动转账", source, target = frozen, sum = 1 }, "ACCOUNT_FROZEN"),
            (new { method = "主动转账", source, target, sum = 101 }, "INSUFFICIENT_FUNDS"),
            (new { method = "主动转账", source, target, sum = 1, password = "wrong" }, "BAD_PASSWORD"),
        };
        foreach (var (body, reason) in cases)
        {
            var response = await fixture.PostAsync(body);
            Assert.Equal(("转账失败", reason), (response["result"], response["reason"]));
        }

        Assert.Equal((100L, 0L, 0L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target), await fixture.BalanceAsync(frozen)));
    }

    [Fact]
    public async Task RetriedTransfer_WithOneRequestId_MovesOnce_AndAnotherRequestWithThatIdIsAConflict()
    {
        var source = await fixture.OpenAccountAsync(1_000);
        var target = await fixture.OpenAccountAsync(0);
        var requestId = Guid.NewGuid().ToString();

        var answers = new List<string?>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add((await fixture.PostAsync(new { method = "主动转账", source, target, sum = 250, requestId }))["result"]);
        }

        var conflict = await fixture.PostAsync(new { method = "主动转账", source, target, sum = 251, requestId });
        Assert.Equal(["转账成功", "转账成功", "转账成功"], answers);
        Assert.Equal(("转账失败", "REQUEST_ID_CONFLICT"), (conflict["result"], conflict["reason"]));
        Assert.Equal((750L, 250L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task RetriedTransfer_AfterARefusal_IsTriedAfresh_AndThenMovesOnce()
    {
        var source = await fixture.OpenAccountAsync(10);
        var target = await fixture.OpenAccountAsync(0);
        var transfer = new { method = "主动转账", source, target, sum = 50, requestId = Guid.NewGuid().ToString() };
        var refused = await fixture.PostAsync(transfer);
        Assert.Equal(("转账失败", "INSUFFICIENT_FUNDS"), (refused["result"], refused["reason"]));
        Assert.Equal("充值成功", (await fixture.PostAsync(new { method = "充值", username = source, sum = 100 }))["result"]);

        // docs/api.md, "Retries": the refused request applied nothing, so the same id is tried afresh, then applied once.
        var retried = await fixture.PostAsync(transfer);
        var retriedAgain = await fixture.PostAsync(transfer);

        Assert.Equal(("转账成功", "转账成功"), (retried["result"], retriedAgain["result"]));
        Assert.Equal((60L, 50L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
    }

    [Fact]
    public async Task ThousandsOfConcurrentRandomTransfers_ConserveTheTotal_LeaveNoneNegative_AndReconcile()
    {
        const int AccountCount = 4;
        const long OpeningFen = 5_000;
        const int TransferCount = 2_000;
        var accounts = new List<string>();
        for (var index = 0; index < AccountCount; index++)
        {
            accounts.Add(await fixture.OpenAccountAsync(OpeningFen));
        }

        var random = new Random(7);
        var bodies = Enumerable.Range(0, TransferCount).Select(_ => new
        {
            method = "主动转账",
            source = accounts[random.Next(AccountCount)],
            target = accounts[random.Next(AccountCount)],
            sum = random.Next(1, 2_000),
            requestId = Guid.NewGuid().ToString("N"),
        }).ToList();
        var answers = new System.Collections.Concurrent.ConcurrentBag<PaySimResponse>();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (body, _) => answers.Add(await PostUntilAnsweredAsync(body)));

        Assert.All(answers, answer => Assert.True(
            answer["result"] == "转账成功" || answer["reason"] is "INSUFFICIENT_FUNDS" or "SAME_ACCOUNT", answer.ToString()));
        Assert.Contains(answers, answer => answer["result"] == "转账成功");
        var balances = new List<long>();
        foreach (var account in accounts)
        {
            balances.Add(await fixture.BalanceAsync(account));
        }

        Assert.Equal(AccountCount * OpeningFen, balances.Sum());
        Assert.All(balances, balance => Assert.True(balance >= 0, $"negative balance {balance}"));
        var report = await fixture.PostAsAdminAsync(new { method = "对账" });
        Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(0, report.Body.GetProperty("inFlightFen").GetInt64());
    }

    /// <summary>
    /// Posts <paramref name="body"/> as docs/api.md tells a client to: a 503 (the edge's 3 s were spent, as they may be
    /// on a machine busy with other tests) is sent again with the same requestId, which moves the money at most once.
    /// </summary>
    private async Task<PaySimResponse> PostUntilAnsweredAsync(object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await fixture.PostAsync(body);
            if (answer.Status != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                return answer;
            }
        }
    }
}
