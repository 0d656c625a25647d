using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Grains.Merchant.MerchantTestCluster;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// Two orders whose order number and refund number, joined with ':', spell the same text: "o" refunding
/// "r:refund:s" and "o:refund:r" refunding "s". Operation ids built by joining client text gave both refunds one id on
/// the merchant's account, which then took the second debit as "already applied" while the second payer was credited
/// (money created), or, with one payer, answered both refunds as done while the payer got only the first back.
/// </summary>
public sealed class RefundIdentityTests
{
    private const string MerchantId = "10000000000001";
    private const long AmountFen = 1_000;

    private static readonly (string OrderNumber, string RefundNumber)[] s_collidingPair = [("o", "r:refund:s"), ("o:refund:r", "s")];

    [Fact]
    public async Task RefundsWhoseClientTextJoinsToOneId_ToTwoPayers_EachMoveTheirOwnMoney()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);
        var secondPayer = await GrainClusterFixture.OpenAccountAsync(cluster.GrainFactory, PayerBalanceFen);

        var refunds = await PayAndRefundAsync(cluster, [(Payer, Password), (secondPayer, GrainClusterFixture.Password)]);

        Assert.All(refunds, refund => Assert.Equal((MerchantOrderResult.Ok, RefundStatus.Succeeded), (refund.Result, refund.Refund!.Status)));
        Assert.Equal((PayerBalanceFen, PayerBalanceFen, 0L),
            (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, secondPayer), await BalanceAsync(cluster.GrainFactory, Shop)));
        Assert.True((await cluster.GrainFactory.GetGrain<IReconciliationGrain>(0).RunAsync()).Ok);
    }

    [Fact]
    public async Task RefundsWhoseClientTextJoinsToOneId_ToOnePayer_BothReachThePayer()
    {
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await StartAsync(clock);
        await SeedAsync(cluster.GrainFactory);

        var refunds = await PayAndRefundAsync(cluster, [(Payer, Password), (Payer, Password)]);

        Assert.All(refunds, refund => Assert.Equal((MerchantOrderResult.Ok, RefundStatus.Succeeded), (refund.Result, refund.Refund!.Status)));
        Assert.Equal((PayerBalanceFen, 0L), (await BalanceAsync(cluster.GrainFactory, Payer), await BalanceAsync(cluster.GrainFactory, Shop)));
        Assert.True((await cluster.GrainFactory.GetGrain<IReconciliationGrain>(0).RunAsync()).Ok);
    }

    /// <summary>Creates and pays both orders of the pair (each by its payer), then refunds each in full.</summary>
    private static async Task<RefundReply[]> PayAndRefundAsync(PaySimTestCluster cluster, (string Payer, string Password)[] payers)
    {
        var replies = new List<RefundReply>();
        for (var i = 0; i < s_collidingPair.Length; i++)
        {
            var (orderNumber, _) = s_collidingPair[i];
            var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":" + orderNumber);
            Assert.Equal(MerchantOrderResult.Ok, (await order.CreateAsync(new MerchantOrderRequest(
                MerchantId, orderNumber, Shop, MerchantOrderChannel.QrCode, AmountFen, "CNY", null, AmountFen, "商品", TimeSpan.FromMinutes(5), null, new OrderEcho()))).Result);
            Assert.Equal(MerchantOrderResult.Ok, (await order.PayAsync(PayerAuthorisation.WithPassword(payers[i].Payer, payers[i].Password))).Result);
        }

        for (var i = 0; i < s_collidingPair.Length; i++)
        {
            var (orderNumber, refundNumber) = s_collidingPair[i];
            var order = cluster.GrainFactory.GetGrain<IMerchantOrderGrain>(MerchantId + ":" + orderNumber);
            replies.Add(await order.RefundAsync(new RefundRequest(refundNumber, AmountFen, "退款", null, null)));
        }

        return [.. replies];
    }
}
