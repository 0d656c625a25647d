using PaySim.Gateway.Apis;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Tests.Gateway;

/// <summary>Pins every Chinese string of the seed: a change here is a change of the wire format.</summary>
public sealed class ResultMessagesTests
{
    [Theory]
    [InlineData(SeedResult.AccountCreated, "创建成功")]
    [InlineData(SeedResult.AccountCreationFailed, "创建失败")]
    [InlineData(SeedResult.WeChatBound, "绑定成功")]
    [InlineData(SeedResult.AccountFrozen, "已冻结")]
    [InlineData(SeedResult.DepositSucceeded, "充值成功")]
    [InlineData(SeedResult.DepositFailed, "充值失败")]
    [InlineData(SeedResult.WithdrawalSucceeded, "提现成功")]
    [InlineData(SeedResult.WithdrawalFailed, "提现失败")]
    [InlineData(SeedResult.TransferSucceeded, "转账成功")]
    [InlineData(SeedResult.TransferFailed, "转账失败")]
    [InlineData(SeedResult.TradeCreated, "交易创建成功")]
    [InlineData(SeedResult.TradeCreationFailed, "交易创建失败")]
    [InlineData(SeedResult.PaymentSucceeded, "支付成功")]
    [InlineData(SeedResult.PaymentFailed, "支付失败")]
    [InlineData(SeedResult.PayerCodeIssued, "获取成功")]
    [InlineData(SeedResult.PayerCodeFailed, "获取失败")]
    public void SeedResult_HasTheSeedsText(SeedResult result, string text) => Assert.Equal(text, ResultMessages.Text(result));

    [Fact]
    public void EverySeedResult_HasADistinctText() =>
        Assert.Equal(Enum.GetValues<SeedResult>().Length, Enum.GetValues<SeedResult>().Select(ResultMessages.Text).Distinct().Count());

    [Fact]
    public void States_HaveTheirChineseNames()
    {
        Assert.Equal(("正常", "已冻结"), (ResultMessages.Text(AccountStatus.Active), ResultMessages.Text(AccountStatus.Frozen)));
        Assert.Equal(("待支付", "已支付", "已超时"), (ResultMessages.Text(TradeState.Pending), ResultMessages.Text(TradeState.Paid), ResultMessages.Text(TradeState.Expired)));
    }

    [Fact]
    public void EveryFailure_HasAReason()
    {
        Assert.All(Enum.GetValues<AccountResult>().Where(r => r != AccountResult.Ok), r => Assert.Matches("^[A-Z_]+$", Reasons.Of(r)));
        Assert.All(Enum.GetValues<TransferResult>().Where(r => r != TransferResult.Ok), r => Assert.Matches("^[A-Z_]+$", Reasons.Of(r)));
        Assert.All(Enum.GetValues<TradeResult>().Where(r => r != TradeResult.Ok), r => Assert.Matches("^[A-Z_]+$", Reasons.Of(r)));
        PayerCodeResult[] issueFailures = [PayerCodeResult.NoSuchAccount, PayerCodeResult.BadPassword, PayerCodeResult.AccountFrozen, PayerCodeResult.CodeUnavailable];
        Assert.All(issueFailures, r => Assert.Matches("^[A-Z_]+$", Reasons.Of(r)));
    }
}
