using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// After the fault: settles every operation of the load as a client would (a 503 is asked again with the same id until
/// it has an outcome), checks that every operation acknowledged to a client is in the books, sends every operation once
/// more with the same id, and keeps the balance each account must then have. A retry that moved money again, or an
/// acknowledged operation that did not happen, shows as a balance off its expectation.
/// </summary>
public sealed class FaultBooks(FaultClients clients, FaultAccounts accounts, MerchantCredentials merchant, string password)
{
    /// <summary>Settling requests in flight at once: enough to settle thousands of operations in seconds, few enough for 2 cores.</summary>
    private const int SettleConcurrencyMax = 4;

    private static readonly string[] PaidOrderStates = ["1", "4", "5"];

    private readonly Dictionary<string, long> _expectedFen = accounts.All.ToDictionary(username => username, _ => FaultAccounts.OpeningFen);

    public long DepositedFen { get; private set; }

    public long WithdrawnFen { get; private set; }

    public IReadOnlyDictionary<string, long> ExpectedFen => _expectedFen;

    /// <summary>Orders whose payment answered 503 and then turned out not to have happened: no money moved for them.</summary>
    public int UnpaidOrderCount { get; private set; }

    public async Task SettleAsync(FaultLoad load)
    {
        await ForEachAsync(load.Transfers, SettleTransferAsync);
        await ForEachAsync(load.Externals, SettleExternalAsync);
        await ForEachAsync(load.Trades, SettleTradeAsync);
        await ForEachAsync(load.Orders, SettleOrderAsync);
        await ForEachAsync(load.Refunds, SettleRefundAsync);
    }

    private static Task ForEachAsync<T>(IEnumerable<T> operations, Func<T, Task> settle) =>
        Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = SettleConcurrencyMax }, async (operation, _) => await settle(operation));

    private async Task SettleTransferAsync(TransferOperation transfer)
    {
        var outcome = transfer.Answer.IsOutcome ? transfer.Answer : await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, transfer.Body()));
        Assert.True(outcome["result"] == "转账成功", $"{transfer.RequestId}: {outcome}");
        var again = await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, transfer.Body()));
        Assert.True(again["result"] == "转账成功", $"{transfer.RequestId} again: {again}");
        Move(transfer.Source, transfer.Target, transfer.AmountFen);
    }

    private async Task SettleExternalAsync(ExternalOperation external)
    {
        var outcome = external.Answer.IsOutcome ? external.Answer : await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, external.Body()));
        Assert.True(outcome["result"] == external.SuccessText, $"{external.RequestId}: {outcome}");
        var again = await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, external.Body()));
        Assert.True(again["result"] == external.SuccessText, $"{external.RequestId} again: {again}");
        lock (_expectedFen)
        {
            _expectedFen[external.Username] += external.IsDeposit ? external.AmountFen : -external.AmountFen;
            DepositedFen += external.IsDeposit ? external.AmountFen : 0;
            WithdrawnFen += external.IsDeposit ? 0 : external.AmountFen;
        }
    }

    /// <summary>
    /// A trade created (or, after a 503, found taken by itself) is paid once: an acknowledged 支付成功 shows 已支付 before
    /// any retry, a retry of it answers ALREADY_PAID, and a payment that answered 503 is completed by its retry.
    /// </summary>
    private async Task SettleTradeAsync(TradeOperation trade)
    {
        if (!trade.Creation.IsOutcome)
        {
            var created = await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, trade.CreationBody()));
            Assert.True(created["result"] == "交易创建成功" || created["reason"] == "TRADE_ID_TAKEN", $"{trade.TradeId}: {created}");
        }
        else
        {
            Assert.True(trade.Creation["result"] == "交易创建成功", $"{trade.TradeId}: {trade.Creation}");
        }

        var acknowledged = trade.Payment is { IsOutcome: true } payment;
        if (acknowledged)
        {
            Assert.True(trade.Payment!["result"] == "支付成功", $"{trade.TradeId}: {trade.Payment}");
            Assert.Equal("已支付", await TradeStateAsync(trade));
        }

        var again = await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, trade.PaymentBody(password)));
        Assert.True(again["reason"] == "ALREADY_PAID" || (!acknowledged && again["result"] == "支付成功"), $"{trade.TradeId} again: {again}");
        Assert.Equal("已支付", await TradeStateAsync(trade));
        Move(trade.Payer, trade.Payee, trade.AmountFen);
    }

    /// <summary>
    /// A bar-code order answered 503 is sent again as the merchant's backend would; either way its state, as 查询 gives
    /// it, says whether the payer paid. An acknowledged payment must be paid, and its retry answers paid again.
    /// </summary>
    private async Task SettleOrderAsync(OrderOperation order)
    {
        var outcome = order.Answer.IsOutcome ? order.Answer : await SettledFufuAsync("order", order.Body(merchant.MerchantId));
        Assert.True(outcome["result.return_code"] == "SUCCESS", $"{order.OrderNumber}: {outcome}");
        if (order.Answer.IsOutcome)
        {
            Assert.True(order.IsAcknowledgedPaid, $"{order.OrderNumber} (no business failure is expected): {order.Answer}");
        }

        var again = await SettledFufuAsync("order", order.Body(merchant.MerchantId));
        var query = await SettledFufuAsync("query", order.QueryBody(merchant.MerchantId));
        var paid = PaidOrderStates.Contains(query["data.state"]);
        Assert.True(paid == IsPaidOrRefunded(again), $"{order.OrderNumber}: retried {again}, queried {query}");
        if (OrderOperation.IsPaid(outcome))
        {
            Assert.True(paid, $"{order.OrderNumber} was answered paid, then queried {query}");
        }

        if (paid)
        {
            Move(order.Payer, accounts.Settlement, order.TotalFen);
        }
        else
        {
            lock (_expectedFen)
            {
                UnpaidOrderCount++;
            }
        }
    }

    private async Task SettleRefundAsync(RefundOperation refund)
    {
        var outcome = refund.Answer.IsOutcome ? refund.Answer : await SettledFufuAsync("refund", refund.Body(merchant.MerchantId));
        Assert.True(RefundOperation.IsAccepted(outcome), $"{refund.RefundNumber}: {outcome}");
        var again = await SettledFufuAsync("refund", refund.Body(merchant.MerchantId));
        Assert.True(RefundOperation.IsAccepted(again), $"{refund.RefundNumber} again: {again}");
        var query = await SettledFufuAsync("refundQuery", refund.QueryBody(merchant.MerchantId));
        Assert.True(query["data.trade_status"] == "succ", $"{refund.RefundNumber}: {query}");
        Move(accounts.Settlement, refund.Payer, refund.RefundFen);
    }

    private static bool IsPaidOrRefunded(GatewayAnswer answer) =>
        answer["data.return_code"] == "SUCCESS" && PaidOrderStates.Contains(answer["data.state"]);

    private Task<GatewayAnswer> SettledFufuAsync(string operation, string body) =>
        clients.SettledAsync(gateway => clients.FufuAsync(gateway, operation, body, merchant.Key));

    private async Task<string?> TradeStateAsync(TradeOperation trade) =>
        (await clients.SettledAsync(gateway => clients.PaySimAsync(gateway, new { method = "查询交易", tradeID = trade.TradeId })))["tradeState"];

    private void Move(string from, string to, long amountFen)
    {
        lock (_expectedFen)
        {
            _expectedFen[from] -= amountFen;
            _expectedFen[to] += amountFen;
        }
    }
}
