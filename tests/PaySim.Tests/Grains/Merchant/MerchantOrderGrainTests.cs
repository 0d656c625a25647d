using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

public sealed class MerchantOrderGrainTests
{
    private const string MerchantId = "10000000000001";

    private static MerchantOrderRequest Order(string number, long fen = 1_000, MerchantOrderChannel channel = MerchantOrderChannel.QrCode) =>
        new(MerchantId, number, Shop, channel, fen, "CNY", null, fen, "商品", TimeSpan.FromMinutes(5), null, new OrderEcho());

    [Fact]
    public async Task Pay_WithPassword_MovesTheAmountFromPayerToMerchant()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":A1");
        await order.CreateAsync(Order("A1"));

        var paid = await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));

        Assert.Equal(MerchantOrderResult.Ok, paid.Result);
        Assert.Equal(MerchantOrderStatus.Paid, paid.Order!.Status);
        Assert.Equal(PayerBalanceFen - 1_000, await BalanceAsync(cluster.GrainFactory, Payer));
        Assert.Equal(1_000, await BalanceAsync(cluster.GrainFactory, Shop));
        Assert.Equal(MerchantOrderResult.AlreadyPaid, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        Assert.Equal(1_000, await BalanceAsync(cluster.GrainFactory, Shop));
    }

    /// <summary>The merchant paying itself would report a sale no customer's money came in for.</summary>
    [Fact]
    public async Task Pay_ByTheMerchantsOwnSettlementAccount_IsRefused_AndTheOrderStaysPayable()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        await cluster.GrainFactory.GetGrain<IAccountGrain>(Shop).ApplyAsync(new AccountMovement("fill", MovementKind.Deposit, 5_000, null, null));
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":S1");
        await order.CreateAsync(Order("S1"));

        var bySelf = await order.PayAsync(PayerAuthorisation.WithPassword(Shop, Password));
        var byCustomer = await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));

        Assert.Equal((MerchantOrderResult.PayerIsMerchant, MerchantOrderStatus.Pending), (bySelf.Result, bySelf.Order!.Status));
        Assert.Equal((MerchantOrderResult.Ok, MerchantOrderStatus.Paid), (byCustomer.Result, byCustomer.Order!.Status));
        Assert.Equal(6_000, await BalanceAsync(cluster.GrainFactory, Shop));
    }

    [Fact]
    public async Task Pay_WithWrongPassword_LeavesOrderPendingAndMoneyInPlace()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":A2");
        await order.CreateAsync(Order("A2"));

        var reply = await order.PayAsync(PayerAuthorisation.WithPassword(Payer, "wrong"));

        Assert.Equal(MerchantOrderResult.BadPassword, reply.Result);
        Assert.Equal(MerchantOrderStatus.Pending, reply.Order!.Status);
        Assert.Equal(PayerBalanceFen, await BalanceAsync(cluster.GrainFactory, Payer));
        Assert.Equal(MerchantOrderResult.Ok, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
    }

    [Fact]
    public async Task Pay_AboveBalance_ReturnsInsufficientFunds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":A3");
        await order.CreateAsync(Order("A3", PayerBalanceFen + 1));

        Assert.Equal(MerchantOrderResult.InsufficientFunds, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        Assert.Equal(0, await BalanceAsync(cluster.GrainFactory, Shop));
    }

    [Fact]
    public async Task Create_SameNumberDifferentAmount_ReturnsSerialRepeat()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":A4");

        Assert.Equal(MerchantOrderResult.Ok, (await order.CreateAsync(Order("A4"))).Result);
        Assert.Equal(MerchantOrderResult.Ok, (await order.CreateAsync(Order("A4"))).Result);
        // The order under that number is someone else's request: nothing of it is answered.
        Assert.Equal(new MerchantOrderReply(MerchantOrderResult.SerialRepeat, null), await order.CreateAsync(Order("A4", 2_000)));
    }

    [Fact]
    public async Task Refunds_AddUpToThePaidAmountAndNoFurther()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":R1");
        await order.CreateAsync(Order("R1"));
        await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));

        var first = await order.RefundAsync(new RefundRequest("RF1", 400, "退款", null, null));
        var again = await order.RefundAsync(new RefundRequest("RF1", 400, "退款", null, null));
        var tooMuch = await order.RefundAsync(new RefundRequest("RF2", 601, "退款", null, null));
        var rest = await order.RefundAsync(new RefundRequest("RF3", 600, "退款", null, null));

        Assert.Equal((MerchantOrderResult.Ok, RefundStatus.Succeeded), (first.Result, first.Refund!.Status));
        Assert.Equal(MerchantOrderResult.Ok, again.Result);
        Assert.Equal(MerchantOrderResult.RefundExceedsPaid, tooMuch.Result);
        Assert.Equal(MerchantOrderStatus.Refunded, rest.Order!.Status);
        Assert.Equal(PayerBalanceFen, await BalanceAsync(cluster.GrainFactory, Payer));
        Assert.Equal(0, await BalanceAsync(cluster.GrainFactory, Shop));
        var conflict = await order.RefundAsync(new RefundRequest("RF1", 100, "退款", null, null));
        Assert.Equal((MerchantOrderResult.SerialRepeat, null), (conflict.Result, conflict.Refund));
    }

    [Fact]
    public async Task Refund_RefusedForComingToNoFen_LeavesItsNumberFree()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var foreign = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":H1");
        await foreign.CreateAsync(new MerchantOrderRequest(
            MerchantId, "H1", Shop, MerchantOrderChannel.QrCode, 7, "HKD", "0.90", 6, "商品", TimeSpan.FromMinutes(5), null, new OrderEcho()));
        await foreign.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":H2");
        await order.CreateAsync(Order("H2"));
        await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));

        var noFen = await foreign.RefundAsync(new RefundRequest("RX", 1, "退款", null, null));
        var elsewhere = await order.RefundAsync(new RefundRequest("RX", 100, "退款", null, null));

        Assert.Equal(MerchantOrderResult.InvalidAmount, noFen.Result);
        Assert.Equal(MerchantOrderResult.Ok, elsewhere.Result);
        Assert.Equal(PayerBalanceFen - 6 - 1_000 + 100, await BalanceAsync(cluster.GrainFactory, Payer));
    }

    [Fact]
    public async Task Refund_OfUnpaidOrder_ReturnsNotPaid()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":R2");
        await order.CreateAsync(Order("R2"));

        Assert.Equal(MerchantOrderResult.NotPaid, (await order.RefundAsync(new RefundRequest("RF", 1, "", null, null))).Result);
    }

    [Fact]
    public async Task CloseAndCancel_OfPaidOrder_ReturnAlreadyPaid()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":C1");
        await order.CreateAsync(Order("C1"));
        await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password));
        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(MerchantOrderResult.AlreadyPaid, (await order.CloseAsync()).Result);
        Assert.Equal(MerchantOrderResult.AlreadyPaid, (await order.CancelAsync()).Result);
    }

    [Fact]
    public async Task Cancel_WithinFifteenSeconds_IsRefusedThenAllowed()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":C2");
        await order.CreateAsync(Order("C2"));

        Assert.Equal(MerchantOrderResult.CancelNotAllowedNow, (await order.CancelAsync()).Result);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(MerchantOrderStatus.Cancelled, (await order.CancelAsync()).Order!.Status);
        Assert.Equal(MerchantOrderResult.NotPayable, (await order.PayAsync(PayerAuthorisation.WithPassword(Payer, Password))).Result);
        // The merchant's retry (its first answer lost, or answered EXCEPTION) answers as the cancel that applied, as close does.
        var retried = await order.CancelAsync();
        Assert.Equal((MerchantOrderResult.Ok, MerchantOrderStatus.Cancelled), (retried.Result, retried.Order!.Status));
    }

    [Fact]
    public async Task UnpaidOrder_ExpiresByItsReminder()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        using var expire = ReminderArmings.Watch("merchantorder", MerchantId + ":E1", "expire");
        var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":E1");
        await order.CreateAsync(Order("E1"));

        await expire.ArmedAsync();
        clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.HoldsAsync(async () => (await order.GetAsync()).Order!.Status, status => status == MerchantOrderStatus.Expired, "the order expired");
    }
}
