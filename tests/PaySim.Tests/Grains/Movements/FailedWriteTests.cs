using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Merchant;
using PaySim.Grains.Transfers;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using PaySim.Tests.TestingHost;
using Xunit.Abstractions;

namespace PaySim.Tests.Grains.Movements;

/// <summary>
/// Every flow that moves money, with the store failing one write (not a conflict: the store is down), for each write
/// of the flow in turn. Whatever failed, the answers (queries, balances) before and after the grains reload from the
/// store are the same (memory never got ahead of the store), a client's retry applies the movement once or not at all as its answer
/// says, and the books reconcile. The refusing variants fail the payee's credit (its balance is at the limit) and then
/// make room, so a recovery that retried a credit after reversing the debit would create money and be caught.
/// </summary>
public sealed class FailedWriteTests(FailedWriteTests.Cluster fixture, ITestOutputHelper output) : IClassFixture<FailedWriteTests.Cluster>
{
    private const string Password = "pw-failed-writes";
    private const long OpeningFen = 10_000;
    private const long AmountFen = 1_000;

    /// <summary>More than any flow writes, so the loop ends because a run saw no failure.</summary>
    private const int WritesMax = 12;

    public static TheoryData<string, bool> Flows => new()
    {
        { "transfer", false }, { "transfer", true },
        { "trade", false }, { "trade", true },
        { "merchant-payment", false }, { "merchant-payment", true },
        { "merchant-refund", false }, { "merchant-refund", true },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task FlowWithAFailedWrite_AnswersAsItsStoreSays_AndMovesMoneyOnceOrNotAtAll(string flow, bool payeeRefusesFirst)
    {
        for (var n = 1; n <= WritesMax; n++)
        {
            var run = await PrepareAsync(flow);
            if (payeeRefusesFirst)
            {
                await FillToLimitAsync(run.Payee);
            }

            var before = (Payer: await BalanceAsync(run.Payer), Payee: await BalanceAsync(run.Payee));
            fixture.Store.FailNthWrite(n);
            await Record.ExceptionAsync(run.Act);
            var failed = fixture.Store.HasFailed;
            fixture.Store.FailNthWrite(0);
            if (payeeRefusesFirst)
            {
                // The payee can receive again: only a recovery that respects the reversing marker stays correct.
                await WithdrawAsync(run.Payee, AmountFen);
                before.Payee -= AmountFen;
            }

            var answered = await run.Answer();
            var balances = (await BalanceAsync(run.Payer), await BalanceAsync(run.Payee));
            await fixture.Grains.DeactivateAllAsync();
            Assert.Equal((answered, balances), (await run.Answer(), (await BalanceAsync(run.Payer), await BalanceAsync(run.Payee))));

            await Record.ExceptionAsync(run.Act);
            var final = await run.Answer();
            var moved = run.IsSuccess(final) ? AmountFen : 0;
            Assert.True(
                (before.Payer - moved, before.Payee + moved) == (await BalanceAsync(run.Payer), await BalanceAsync(run.Payee)),
                $"{flow}, write {n} failed: answered {final}, but the balances moved otherwise.");
            var report = await fixture.Grains.GrainFactory.GetGrain<IReconciliationGrain>(0).RunAsync();
            Assert.True(report.Ok && report.InFlightCount == 0, $"{flow}, write {n} failed: {string.Join("; ", report.Differences)}; in flight {report.InFlightCount}");
            if (!failed)
            {
                output.WriteLine($"{flow}: each of its {n - 1} writes failed once, one run each.");
                return;
            }
        }

        Assert.Fail($"{flow} wrote more than {WritesMax} times.");
    }

    /// <summary>
    /// The driver's exception cannot cross a silo boundary (Orleans cannot serialise it): the caller, here the cluster's
    /// client as a gateway is, gets the one it can name and repeat.
    /// </summary>
    [Theory]
    [InlineData("account")] // its own journaled state
    [InlineData("transfer")] // Orleans' IPersistentState, whose storage errors Orleans wraps in one of its own
    public async Task AFailedStoreWrite_ReachesTheCaller_AsStoreUnavailable(string writer)
    {
        var (payer, payee) = (await OpenAsync(OpeningFen), await OpenAsync(0));
        Func<Task> act = writer == "account"
            ? () => Account(payee).ApplyAsync(new AccountMovement(Guid.NewGuid().ToString("N"), MovementKind.Deposit, AmountFen, null, null))
            : () => fixture.Grains.GrainFactory.GetGrain<ITransferGrain>(Guid.NewGuid().ToString("N")).ExecuteAsync(new TransferRequest(payer, payee, AmountFen));
        fixture.Store.FailNthWrite(1);

        var failure = await Record.ExceptionAsync(act);
        var failed = fixture.Store.HasFailed;
        fixture.Store.FailNthWrite(0);

        Assert.True(failed, $"the {writer} never wrote, so this test tested nothing");
        Assert.IsType<StoreUnavailableException>(failure);
        Assert.Equal((OpeningFen, 0), (await BalanceAsync(payer), await BalanceAsync(payee)));
    }

    /// <summary>
    /// A store down when a grain activates: its read fails before any grain call filter runs, inside Orleans'
    /// activation. The caller still gets a failure it can name as the store's and repeat (not a CodecNotFoundException
    /// for the driver's exception), and once the store is back the grain activates and answers.
    /// </summary>
    [Theory]
    [InlineData("account")] // its own journaled state, read in OnStart
    [InlineData("trade")] // Orleans' IPersistentState on PaySim's grain storage
    public async Task AFailedReadAtActivation_ReachesTheCaller_AsStoreUnavailable(string grain)
    {
        var (payer, payee) = (await OpenAsync(OpeningFen), await OpenAsync(0));
        var tradeId = Guid.NewGuid().ToString("N");
        var trade = fixture.Grains.GrainFactory.GetGrain<ITradeGrain>(tradeId);
        Assert.Equal(TradeResult.Ok, (await trade.CreateAsync(new TradeRequest(payer, payee, AmountFen, 30))).Result);
        await fixture.Grains.DeactivateAllAsync();
        Func<Task<object?>> read = grain == "account"
            ? async () => await Account(payer).GetSnapshotAsync()
            : async () => await trade.GetSnapshotAsync();

        fixture.Store.FailReads = true;
        Exception? failure;
        try
        {
            failure = await Record.ExceptionAsync(read);
        }
        finally
        {
            fixture.Store.FailReads = false;
        }

        // Orleans wraps a failed activation read of IPersistentState in an OrleansException of its own; what the edge
        // (GrainCalls, UnhandledExceptionHandler) looks for is the store failure within, carried across the wire.
        Assert.True(failure is not null && StoreUnavailableException.IsCauseOf(failure), failure?.ToString());
        Assert.NotNull(await read());
    }

    /// <summary>
    /// Two openings of one account interleave (the account grain is reentrant). The second, arriving while the first's
    /// write is in flight, is not told the account exists before that write commits: when it fails, both callers get
    /// the failure, nothing exists, and the account can be opened.
    /// </summary>
    [Fact]
    public async Task AnOpeningMeetingAnotherOpeningsFailingWrite_GetsTheFailure_NotAccountExists()
    {
        var username = "fw-" + Guid.NewGuid().ToString("N")[..12];
        var release = new TaskCompletionSource();
        fixture.Store.FailNthWrite(1, release.Task);
        var first = Account(username).OpenAsync(Password, OpeningFen);
        await fixture.Store.FailingWriteReached.WaitAsync(TimeSpan.FromSeconds(10));
        var second = Account(username).OpenAsync(Password, OpeningFen);
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1)));
        var answeredWhileWriting = second.IsCompleted ? await AnswerOfAsync(second) : null;
        release.SetResult();
        var failures = (await Record.ExceptionAsync(() => first), await Record.ExceptionAsync(() => second));
        fixture.Store.FailNthWrite(0);

        Assert.Null(answeredWhileWriting);
        Assert.IsType<StoreUnavailableException>(failures.Item1);
        Assert.IsType<StoreUnavailableException>(failures.Item2);
        Assert.Null(await Account(username).GetSnapshotAsync());
        Assert.Equal(AccountResult.Ok, await Account(username).OpenAsync(Password, OpeningFen));
        Assert.Equal(OpeningFen, await BalanceAsync(username));
    }

    private static async Task<string> AnswerOfAsync(Task<AccountResult> call)
    {
        try
        {
            return (await call).ToString();
        }
        catch (Exception exception)
        {
            return exception.GetType().Name;
        }
    }

    private async Task<Run> PrepareAsync(string flow)
    {
        var payer = await OpenAsync(OpeningFen);
        var payee = await OpenAsync(0);
        var id = Guid.NewGuid().ToString("N");
        var grains = fixture.Grains.GrainFactory;
        switch (flow)
        {
            case "transfer":
                var transfer = grains.GetGrain<ITransferGrain>(id);
                var request = new TransferRequest(payer, payee, AmountFen);
                // A transfer has no query, and a retry of a failed one is a new attempt: its answer is what is stored.
                return new Run(payer, payee, () => transfer.ExecuteAsync(request),
                    async () => await StoredState.ReadAsync<TransferGrainState>(fixture.Store.GrainStateStore, "transfer", id) is { } stored
                        ? $"{stored.Status}/{stored.Result}"
                        : "none",
                    answer => answer == $"{TransferStatus.Completed}/{TransferResult.Ok}");
            case "trade":
                var trade = grains.GetGrain<ITradeGrain>(id);
                Assert.Equal(TradeResult.Ok, (await trade.CreateAsync(new TradeRequest(payer, payee, AmountFen, 30))).Result);
                return new Run(payer, payee, () => trade.PayAsync(payer, Password),
                    async () => (await trade.GetSnapshotAsync())!.State.ToString(), answer => answer == nameof(TradeState.Paid));
            case "merchant-payment":
                var order = await CreateOrderAsync(id, payee);
                return new Run(payer, payee, () => order.PayAsync(PayerAuthorisation.WithPassword(payer, Password)),
                    async () => (await order.GetAsync()).Order!.Status.ToString(), answer => answer == nameof(MerchantOrderStatus.Paid));
            default:
                // The refund moves money back: the merchant's settlement account pays, the payer receives.
                var paid = await CreateOrderAsync(id, payee);
                Assert.Equal(MerchantOrderResult.Ok, (await paid.PayAsync(PayerAuthorisation.WithPassword(payer, Password))).Result);
                var refund = new RefundRequest("R" + id[..8], AmountFen, "退款", null, null);
                return new Run(payee, payer, () => paid.RefundAsync(refund),
                    async () => (await paid.GetRefundAsync(refund.RefundNumber)).Refund?.Status.ToString() ?? "none",
                    answer => answer == nameof(RefundStatus.Succeeded));
        }
    }

    private async Task<IMerchantOrderGrain> CreateOrderAsync(string id, string settlementAccount)
    {
        var order = fixture.Grains.GrainFactory.GetGrain<IMerchantOrderGrain>("10000000000001:" + id);
        var request = new MerchantOrderRequest("10000000000001", id, settlementAccount, MerchantOrderChannel.QrCode, AmountFen, "CNY", null,
            AmountFen, "商品", TimeSpan.FromMinutes(30), null, new OrderEcho());
        Assert.Equal(MerchantOrderResult.Ok, (await order.CreateAsync(request)).Result);
        return order;
    }

    private async Task<string> OpenAsync(long balanceFen)
    {
        var username = "fw-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(AccountResult.Ok, await Account(username).OpenAsync(Password, balanceFen));
        return username;
    }

    /// <summary>Deposits until the balance is at the largest an account may hold, so any credit is refused.</summary>
    private async Task FillToLimitAsync(string account)
    {
        for (var roomFen = MoneyLimits.BalanceFenMax - await BalanceAsync(account); roomFen > 0; roomFen = MoneyLimits.BalanceFenMax - await BalanceAsync(account))
        {
            var depositFen = Math.Min(roomFen, MoneyLimits.AmountFenMax);
            Assert.Equal(AccountResult.Ok, await Account(account).ApplyAsync(new AccountMovement(Guid.NewGuid().ToString("N"), MovementKind.Deposit, depositFen, null, null)));
        }
    }

    private async Task WithdrawAsync(string account, long amountFen) =>
        Assert.Equal(AccountResult.Ok, await Account(account).ApplyAsync(new AccountMovement(Guid.NewGuid().ToString("N"), MovementKind.Withdrawal, amountFen, null, null)));

    private async Task<long> BalanceAsync(string account) => (await Account(account).GetSnapshotAsync())!.BalanceFen;

    private IAccountGrain Account(string username) => fixture.Grains.GrainFactory.GetGrain<IAccountGrain>(username);

    /// <summary>One movement to run: who pays, who receives, the call, how to read its answer, and which answer means the money moved.</summary>
    private sealed record Run(string Payer, string Payee, Func<Task> Act, Func<Task<string>> Answer, Func<string, bool> IsSuccess);

    /// <summary>One cluster on the fault-injecting store for the whole class.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private PaySimTestCluster? _cluster;

        public FaultInjectingStorageProvider Store { get; } = new();

        public PaySimTestCluster Grains => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

        public async Task InitializeAsync() => _cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
        {
            TimeProvider = new FakeTimeProvider(MerchantTestCluster.Start),
            ConfigureServices = services =>
            {
                services.AddSingleton<IStorageProvider>(Store);
                services.AddSingleton<IMerchantSecretProtector>(new AesGcmMerchantSecretProtector(new byte[32]));
                services.AddSingleton<IMerchantNotificationSender>(new ScriptedNotificationSender());
            },
        });

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
