using System.Diagnostics;
using System.Text.Json;
using PaySim.Grains;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;
using PaySim.Tests.Gateway.Merchant;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;
using static PaySim.Tests.Gateway.CrashTestStore;

namespace PaySim.Tests.Gateway;

/// <summary>
/// Issue 9's crash-point matrix: every flow that moves money (transfer, trade payment, merchant payment, merchant
/// refund) killed at every step of <see cref="MovementProtocol"/> (<see cref="CrashPoints.Steps"/>), for real: a
/// gateway process armed with the point dies there, and a second one over the same store must, by itself and within
/// seconds, finish the movement (steps where both legs are accepted) or end it with nothing moved (the step of a
/// refused debit, produced by freezing the debited account; the steps of a refused credit, produced by freezing the
/// credited account), exactly once; then 对账 reports no difference and nothing in flight, no
/// movement holds a recovery reminder, and a retry of the request and the flow's query answer what happened.
/// The second process runs with a recovery delay of minutes: a movement resumed within seconds was resumed at
/// start-up, not by its reminder. Each cell gets a fresh store; subclasses name the kind.
/// </summary>
public abstract class CrashPointMatrixTests(StorageProviderKind storeKind, ITestOutputHelper output) : IAsyncLifetime
{
    private const long DebitedOpeningFen = 100_000;
    private const long CreditedOpeningFen = 5_000;
    private const long AmountFen = 12_345;

    /// <summary>Far beyond <see cref="s_recoveryWithin"/>: a reminder's tick cannot be what recovered the movement.</summary>
    private static readonly TimeSpan s_recoveryDelay = TimeSpan.FromMinutes(5);

    /// <summary>From the restart to a movement finished or undone, the process start included.</summary>
    private static readonly TimeSpan s_recoveryWithin = TimeSpan.FromSeconds(30);

    /// <summary>The steps only a refused credit passes; the other steps are run with a credit that is accepted.</summary>
    private static readonly HashSet<string> s_refusedCreditSteps =
        [CrashPoints.AfterRefusedCredit, CrashPoints.AfterReversalMarker, CrashPoints.AfterReversal];

    /// <summary>Which leg of the movement its account refuses, so that the armed step is on its path.</summary>
    private enum Refused
    {
        Nothing,
        Debit,
        Credit,
    }

    private CrashTestStore? _store;

    public static TheoryData<string> Steps => new(CrashPoints.Steps);

    private CrashTestStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    public async Task InitializeAsync() => _store = await CrashTestStore.CreateAsync(storeKind);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public Task Transfer_KilledAtTheStep_IsFinishedOrUndoneOnce(string step) => RunCellAsync(new TransferFlow(), step);

    [Theory]
    [MemberData(nameof(Steps))]
    public Task TradePayment_KilledAtTheStep_IsFinishedOrUndoneOnce(string step) => RunCellAsync(new TradePaymentFlow(), step);

    [Theory]
    [MemberData(nameof(Steps))]
    public Task MerchantPayment_KilledAtTheStep_IsFinishedOrUndoneOnce(string step) => RunCellAsync(new MerchantPaymentFlow(), step);

    [Theory]
    [MemberData(nameof(Steps))]
    public Task MerchantRefund_KilledAtTheStep_IsFinishedOrUndoneOnce(string step) => RunCellAsync(new MerchantRefundFlow(), step);

    private async Task RunCellAsync(Flow flow, string step)
    {
        var crashPoint = CrashPoints.Name(flow.Kind, step);
        var refused = step == CrashPoints.AfterRefusedDebit ? Refused.Debit
            : s_refusedCreditSteps.Contains(step) ? Refused.Credit
            : Refused.Nothing;
        var finished = refused == Refused.Nothing;
        var cell = Stopwatch.StartNew();

        await Store.CrashDuringAsync(crashPoint, s_recoveryDelay, gateway => flow.PrepareAsync(gateway, refused));
        var crashedAt = cell.Elapsed;

        await using var restarted = await Store.StartAsync(crashPoint: null, s_recoveryDelay);
        var startedAt = cell.Elapsed;
        var end = finished
            ? (flow.DebitedOpeningFen - AmountFen, flow.CreditedOpeningFen + AmountFen)
            : (flow.DebitedOpeningFen, flow.CreditedOpeningFen);
        var what = $"{crashPoint}: the movement is {(finished ? "finished" : "undone")} (balances of {flow.Debited} and {flow.Credited} "
            + $"{end}) and no movement holds a recovery reminder, within {s_recoveryWithin.TotalSeconds} s of the restart";
        await Eventually.HoldsAsync(
            async () => (Balances: await flow.BalancesAsync(restarted), InFlight: string.Join(", ", await Store.MovementsInFlightAsync())),
            now => now.Balances == end && now.InFlight.Length == 0,
            what,
            s_recoveryWithin - (startedAt - crashedAt));
        var recoveredAt = cell.Elapsed;
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);

        // Consistent answers: the query says what happened, a retry answers the same and moves nothing more.
        await flow.AssertAnswersAsync(restarted, refused);
        Assert.Equal(end, await flow.BalancesAsync(restarted));
        Assert.Empty(await Store.MovementsInFlightAsync());
        await AssertBooksBalancedAsync(restarted, inFlightFen: 0);

        output.WriteLine(
            $"{crashPoint} on {storeKind}: crashed after {crashedAt.TotalSeconds:F1} s, restart took {(startedAt - crashedAt).TotalSeconds:F1} s, "
            + $"{(finished ? "finished" : "undone")} {(recoveredAt - startedAt).TotalSeconds:F1} s later, checks {(cell.Elapsed - recoveredAt).TotalSeconds:F1} s; "
            + $"cell {cell.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// One flow of the matrix: two accounts, the money leaving <see cref="Debited"/> for <see cref="Credited"/>, the
    /// request that runs the movement (and so reaches the armed point), and what the flow answers afterwards.
    /// </summary>
    private abstract class Flow
    {
        public abstract MovementFlow Kind { get; }

        public string Debited { get; protected set; } = "";

        public string Credited { get; protected set; } = "";

        /// <summary>The balances when the request that crashes is sent.</summary>
        public long DebitedOpeningFen { get; protected set; } = CrashPointMatrixTests.DebitedOpeningFen;

        public long CreditedOpeningFen { get; protected set; } = CrashPointMatrixTests.CreditedOpeningFen;

        /// <summary>
        /// Sets up the accounts (and the trade or order), with the account of the <paramref name="refused"/> leg
        /// frozen, and returns the request that moves <see cref="AmountFen"/>.
        /// </summary>
        public abstract Task<Func<Task<object>>> PrepareAsync(GatewayProcess gateway, Refused refused);

        /// <summary>After recovery: the flow's query and a retry of the request answer what the movement ended with.</summary>
        public abstract Task AssertAnswersAsync(GatewayProcess gateway, Refused refused);

        /// <summary>Freezes the account whose leg is to be refused, if any.</summary>
        protected Task RefuseAsync(GatewayProcess gateway, Refused refused) => refused switch
        {
            Refused.Debit => FreezeAsync(gateway, Debited),
            Refused.Credit => FreezeAsync(gateway, Credited),
            _ => Task.CompletedTask,
        };

        public async Task<(long Debited, long Credited)> BalancesAsync(GatewayProcess gateway) =>
            (await BalanceAsync(gateway, Debited), await BalanceAsync(gateway, Credited));

        protected async Task OpenAccountsAsync(GatewayProcess gateway) =>
            (Debited, Credited) = (await OpenAccountAsync(gateway, DebitedOpeningFen), await OpenAccountAsync(gateway, CreditedOpeningFen));
    }

    /// <summary>主动转账 with a requestId, retried with the same id; a refused transfer leaves its id free, so its retry is tried afresh.</summary>
    private sealed class TransferFlow : Flow
    {
        private readonly string _requestId = "crash-" + Guid.NewGuid().ToString("N");

        public override MovementFlow Kind => MovementFlow.Transfer;

        public override async Task<Func<Task<object>>> PrepareAsync(GatewayProcess gateway, Refused refused)
        {
            await OpenAccountsAsync(gateway);
            await RefuseAsync(gateway, refused);
            return async () => await TransferAsync(gateway);
        }

        public override async Task AssertAnswersAsync(GatewayProcess gateway, Refused refused)
        {
            var retried = await TransferAsync(gateway);

            var expected = refused == Refused.Nothing ? ("转账成功", null) : ("转账失败", "ACCOUNT_FROZEN");
            Assert.True((retried["result"], retried["reason"]) == expected, retried.ToString());
        }

        private Task<PaySimResponse> TransferAsync(GatewayProcess gateway) =>
            gateway.PostAsync(new { method = "主动转账", source = Debited, target = Credited, sum = AmountFen, requestId = _requestId });
    }

    /// <summary>支付交易 of a trade created for the purpose; a trade whose payment was undone stays 待支付.</summary>
    private sealed class TradePaymentFlow : Flow
    {
        private readonly string _tradeId = "crash-" + Guid.NewGuid().ToString("N");

        public override MovementFlow Kind => MovementFlow.TradePayment;

        public override async Task<Func<Task<object>>> PrepareAsync(GatewayProcess gateway, Refused refused)
        {
            await OpenAccountsAsync(gateway);
            var created = await gateway.PostAsync(new { method = "发起交易", target = Credited, source = Debited, tradeID = _tradeId, sum = AmountFen, timeLimit = 30 });
            Assert.True(created["result"] == "交易创建成功", created.ToString());
            await RefuseAsync(gateway, refused);
            return async () => await PayAsync(gateway);
        }

        public override async Task AssertAnswersAsync(GatewayProcess gateway, Refused refused)
        {
            var finished = refused == Refused.Nothing;
            var state = finished ? "已支付" : "待支付";
            Assert.Equal(state, await TradeStateAsync(gateway));

            var retried = await PayAsync(gateway);

            Assert.True((retried["result"], retried["reason"]) == ("支付失败", finished ? "ALREADY_PAID" : "ACCOUNT_FROZEN"), retried.ToString());
            Assert.Equal(state, await TradeStateAsync(gateway));
        }

        private Task<PaySimResponse> PayAsync(GatewayProcess gateway) =>
            gateway.PostAsync(new { method = "支付交易", tradeID = _tradeId, username = Debited, password = Password });

        private async Task<string?> TradeStateAsync(GatewayProcess gateway) =>
            (await gateway.PostAsync(new { method = "查询交易", tradeID = _tradeId }))["tradeState"];
    }

    /// <summary>
    /// A merchant of seed 001 settling to <see cref="Flow.Credited"/>, and a bar-code order (被扫, <c>order</c>) paid at
    /// once with the payer's code from 获取付款码: one synchronous request that runs the payment.
    /// </summary>
    private class MerchantPaymentFlow : Flow
    {
        protected const string OrderNumber = "crash-order-1";

        private long _lastTimestampMs;

        public override MovementFlow Kind => MovementFlow.MerchantPayment;

        protected string Payer { get; set; } = "";

        protected string Shop { get; set; } = "";

        protected MerchantCredentials Merchant { get; private set; } = new("", "", "");

        private string OrderBody { get; set; } = "";

        public override async Task<Func<Task<object>>> PrepareAsync(GatewayProcess gateway, Refused refused)
        {
            await OpenAccountsAsync(gateway);
            await SetUpOrderAsync(gateway, payer: Debited, shop: Credited);
            await RefuseAsync(gateway, refused);
            return async () => await PayAsync(gateway);
        }

        public override async Task AssertAnswersAsync(GatewayProcess gateway, Refused refused)
        {
            // Seed 001 states: 1 paid; 6 closed, as a bar-code order whose payment failed ends.
            var state = refused == Refused.Nothing ? "1" : "6";
            Assert.Equal(state, Text(await QueryAsync(gateway), "data.state"));

            var retried = await PayAsync(gateway);

            var expected = refused switch
            {
                Refused.Nothing => ("SUCCESS", "OK"),
                Refused.Debit => ("FAIL", "PAYER_FROZEN"),
                _ => ("FAIL", "INVALID_CONTRACT"),
            };
            Assert.True((Text(retried, "data.return_code"), Text(retried, "data.return_msg")) == expected, retried.ToString());
            Assert.Equal(state, Text(await QueryAsync(gateway), "data.state"));
        }

        /// <summary>Registers the merchant and issues the payer a code; <see cref="PayAsync"/> then creates and pays the order.</summary>
        protected async Task SetUpOrderAsync(GatewayProcess gateway, string payer, string shop)
        {
            (Payer, Shop) = (payer, shop);
            Merchant = await FufuRequests.RegisterMerchantAsync(gateway.Client, AdminToken, "崩溃测试商户", shop);
            var code = await gateway.PostAsync(new { method = "获取付款码", username = payer, password = Password });
            Assert.True(code["result"] == "获取成功", code.ToString());
            OrderBody = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["busi_id"] = Merchant.MerchantId,
                ["out_trade_no"] = OrderNumber,
                ["total_fee"] = AmountFen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["channel_type"] = "1",
                ["auth_code"] = code["payerCode"]!,
                ["pay_subject"] = "崩溃测试",
                ["fee_type"] = "CNY",
            });
        }

        protected Task<JsonElement> PayAsync(GatewayProcess gateway) => PostAsync(gateway, "order", OrderBody);

        protected Task<JsonElement> QueryAsync(GatewayProcess gateway) =>
            PostAsync(gateway, "query", JsonSerializer.Serialize(new { busi_id = Merchant.MerchantId, out_trade_no = OrderNumber }));

        /// <summary>Signed at the real clock, as the gateway process checks it; never twice at one millisecond, which would be a replay.</summary>
        protected Task<JsonElement> PostAsync(GatewayProcess gateway, string operation, string body)
        {
            _lastTimestampMs = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastTimestampMs + 1);
            return FufuRequests.PostAsync(gateway.Client, operation, body, Merchant.Key, _lastTimestampMs);
        }

        protected static string Text(JsonElement reply, string path) => MerchantGatewayHost.Text(reply, path);
    }

    /// <summary>
    /// A full refund of a bar-code order paid first (the armed point is a refund's, so the payment passes): money goes
    /// back from the shop to the payer, whose account is frozen for a refused credit.
    /// </summary>
    private sealed class MerchantRefundFlow : MerchantPaymentFlow
    {
        private const string RefundNumber = "crash-refund-1";

        public override MovementFlow Kind => MovementFlow.MerchantRefund;

        public override async Task<Func<Task<object>>> PrepareAsync(GatewayProcess gateway, Refused refused)
        {
            var (payer, shop) = (await OpenAccountAsync(gateway, DebitedOpeningFen), await OpenAccountAsync(gateway, CreditedOpeningFen));
            await SetUpOrderAsync(gateway, payer, shop);
            var paid = await PayAsync(gateway);
            Assert.True((Text(paid, "data.return_code"), Text(paid, "data.state")) == ("SUCCESS", "1"), paid.ToString());

            // The refund moves the money back: the shop is debited, the payer credited.
            (Debited, Credited) = (shop, payer);
            (DebitedOpeningFen, CreditedOpeningFen) = (CrashPointMatrixTests.CreditedOpeningFen + AmountFen, CrashPointMatrixTests.DebitedOpeningFen - AmountFen);
            Assert.Equal((DebitedOpeningFen, CreditedOpeningFen), await BalancesAsync(gateway));
            await RefuseAsync(gateway, refused);
            return async () => await RefundAsync(gateway);
        }

        public override async Task AssertAnswersAsync(GatewayProcess gateway, Refused refused)
        {
            // Seed 001: the order is 5 (refunded) or still 1 (paid); the refund succ or fail.
            var (orderState, refundStatus) = refused == Refused.Nothing ? ("5", "succ") : ("1", "fail");
            Assert.Equal((orderState, refundStatus), (Text(await QueryAsync(gateway), "data.state"), await RefundStatusAsync(gateway)));

            var retried = await RefundAsync(gateway);

            var expected = refused switch
            {
                Refused.Nothing => ("SUCCESS", "OK"),
                Refused.Debit => ("FAIL", "INVALID_CONTRACT"),
                _ => ("FAIL", "PAYER_FROZEN"),
            };
            Assert.True((Text(retried, "data.return_code"), Text(retried, "data.return_msg")) == expected, retried.ToString());
            Assert.Equal((orderState, refundStatus), (Text(await QueryAsync(gateway), "data.state"), await RefundStatusAsync(gateway)));
        }

        private Task<JsonElement> RefundAsync(GatewayProcess gateway) => PostAsync(gateway, "refund", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["busi_id"] = Merchant.MerchantId,
            ["out_trade_no"] = OrderNumber,
            ["out_refund_no"] = RefundNumber,
            ["refund_fee"] = AmountFen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["refund_subject"] = "崩溃测试退款",
        }));

        /// <summary>refundQuery takes the refund number in out_trade_no (seed 001 §2.8).</summary>
        private async Task<string> RefundStatusAsync(GatewayProcess gateway) =>
            Text(await PostAsync(gateway, "refundQuery", JsonSerializer.Serialize(new { busi_id = Merchant.MerchantId, out_trade_no = RefundNumber })), "data.trade_status");
    }
}
