using System.Collections.Concurrent;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// The fault test's load: workers that each send one kind of money request, in turn through every gateway, until
/// stopped, and keep every operation with its first answer. Small and bounded: a short pause between one worker's
/// requests, amounts far below the balances, so no business failure is expected and every one is a finding.
/// </summary>
public sealed class FaultLoad(FaultClients clients, FaultAccounts accounts, MerchantCredentials merchant, string password)
{
    private const int TransferWorkerCount = 2;
    private const int TradeWorkerCount = 2;
    private const long AmountFenMax = 100;
    private const long OrderFenMin = 100;
    private const long OrderFenMax = 999;

    private static readonly TimeSpan WorkerPause = TimeSpan.FromMilliseconds(20);

    public ConcurrentQueue<TransferOperation> Transfers { get; } = new();

    public ConcurrentQueue<ExternalOperation> Externals { get; } = new();

    public ConcurrentQueue<TradeOperation> Trades { get; } = new();

    public ConcurrentQueue<OrderOperation> Orders { get; } = new();

    public ConcurrentQueue<RefundOperation> Refunds { get; } = new();

    /// <summary>Runs every worker until <paramref name="stop"/>; each finishes the request it is in.</summary>
    public Task RunAsync(CancellationToken stop)
    {
        var workers = new List<Task>();
        for (var worker = 0; worker < TransferWorkerCount; worker++)
        {
            var name = $"t{worker}";
            workers.Add(RunWorkerAsync(workers.Count, stop, (gateway, sequence) => TransferAsync(gateway, $"{name}-{sequence}")));
        }

        workers.Add(RunWorkerAsync(workers.Count, stop, (gateway, sequence) => ExternalAsync(gateway, $"x-{sequence}", sequence % 2 == 0)));
        for (var worker = 0; worker < TradeWorkerCount; worker++)
        {
            var payer = accounts.TradePayers[worker];
            var name = $"r{worker}";
            workers.Add(RunWorkerAsync(workers.Count, stop, (gateway, sequence) => TradeAsync(gateway, payer, $"{name}-{sequence}")));
        }

        foreach (var (payer, index) in accounts.CodePayers.Select((payer, index) => (payer, index)))
        {
            workers.Add(RunWorkerAsync(workers.Count, stop, (gateway, sequence) => OrderAsync(gateway, payer, $"o{index}-{sequence}", refund: sequence % 2 == 0)));
        }

        return Task.WhenAll(workers);
    }

    /// <summary>Worker <paramref name="worker"/>'s k-th step goes to gateway (worker + k) mod the gateway count.</summary>
    private async Task RunWorkerAsync(int worker, CancellationToken stop, Func<int, int, Task> step)
    {
        await Task.Yield();
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            await step((worker + sequence) % clients.GatewayCount, sequence);
            await Task.Delay(WorkerPause, CancellationToken.None);
        }
    }

    private async Task TransferAsync(int gateway, string id)
    {
        var pooled = accounts.Pooled;
        var source = pooled[Random.Shared.Next(pooled.Count)];
        var target = pooled.Where(username => username != source).ElementAt(Random.Shared.Next(pooled.Count - 1));
        var transfer = new TransferOperation(accounts.Prefix + id, source, target, Random.Shared.NextInt64(1, AmountFenMax + 1), null!);
        Transfers.Enqueue(transfer with { Answer = await clients.PaySimAsync(gateway, transfer.Body()) });
    }

    private async Task ExternalAsync(int gateway, string id, bool isDeposit)
    {
        var username = accounts.Pooled[Random.Shared.Next(accounts.Pooled.Count)];
        var external = new ExternalOperation(accounts.Prefix + id, username, Random.Shared.NextInt64(1, AmountFenMax + 1), isDeposit, null!);
        Externals.Enqueue(external with { Answer = await clients.PaySimAsync(gateway, external.Body()) });
    }

    /// <summary>发起交易, then (once created) 支付交易 through the other gateway: the payer's client is not the payee's.</summary>
    private async Task TradeAsync(int gateway, string payer, string id)
    {
        var trade = new TradeOperation(accounts.Prefix + id, payer, accounts.TradePayee, Random.Shared.NextInt64(1, AmountFenMax + 1), null!, null);
        var creation = await clients.PaySimAsync(gateway, trade.CreationBody());
        var payment = creation["result"] == "交易创建成功"
            ? await clients.PaySimAsync((gateway + 1) % clients.GatewayCount, trade.PaymentBody(password))
            : null;
        Trades.Enqueue(trade with { Creation = creation, Payment = payment });
    }

    /// <summary>
    /// The payer asks for a payer code, the merchant scans it (被扫) through the other gateway and, for every second
    /// order that was paid, refunds half of it.
    /// </summary>
    private async Task OrderAsync(int gateway, string payer, string orderNumber, bool refund)
    {
        var code = await clients.PaySimAsync(gateway, new { method = "获取付款码", username = payer, password });
        if (code["result"] != "获取成功")
        {
            return; // Recorded among the answers; no order without a code.
        }

        var merchantGateway = (gateway + 1) % clients.GatewayCount;
        var order = new OrderOperation(orderNumber, payer, code["payerCode"]!, Random.Shared.NextInt64(OrderFenMin, OrderFenMax + 1), null!);
        order = order with { Answer = await clients.FufuAsync(merchantGateway, "order", order.Body(merchant.MerchantId), merchant.Key) };
        Orders.Enqueue(order);
        if (refund && order.IsAcknowledgedPaid)
        {
            var refundOperation = new RefundOperation(orderNumber, "r" + orderNumber, payer, order.TotalFen / 2, null!);
            Refunds.Enqueue(refundOperation with { Answer = await clients.FufuAsync(gateway, "refund", refundOperation.Body(merchant.MerchantId), merchant.Key) });
        }
    }
}
