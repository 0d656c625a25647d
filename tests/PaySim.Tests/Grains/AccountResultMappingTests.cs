using PaySim.Grains;
using PaySim.Grains.Interfaces;

namespace PaySim.Tests.Grains;

/// <summary>
/// Transfers and trades report an account's refusal under the same name (AccountResultMapping), so each refusal an
/// account movement can answer must have its namesake in both outcome enums, and map back.
/// </summary>
public sealed class AccountResultMappingTests
{
    /// <summary>What <c>IAccountGrain.ApplyAsync</c> can answer to an orchestrator's movement (no password, an id of its own).</summary>
    public static TheoryData<AccountResult> MovementAnswers => new()
    {
        AccountResult.Ok,
        AccountResult.InvalidAmount,
        AccountResult.NoSuchAccount,
        AccountResult.AccountFrozen,
        AccountResult.InsufficientFunds,
        AccountResult.BalanceOverflow,
        AccountResult.BadPassword,
    };

    [Theory]
    [MemberData(nameof(MovementAnswers))]
    public void EveryMovementAnswer_MapsToItsNamesake_AndBack(AccountResult answer)
    {
        var transfer = answer.ToResult<TransferResult>();
        var trade = answer.ToResult<TradeResult>();

        Assert.Equal(answer.ToString(), transfer.ToString());
        Assert.Equal(answer.ToString(), trade.ToString());
        Assert.Equal(answer, transfer.ToAccountResult());
        Assert.Equal(answer, trade.ToAccountResult());
    }

    [Fact]
    public void AnAnswerWithoutANamesake_IsAProgrammingError_NotASilentDefault()
    {
        Assert.Throws<InvalidOperationException>(() => AccountResult.AlreadyExists.ToResult<TransferResult>());
        Assert.Throws<InvalidOperationException>(() => TradeResult.NoSuchTrade.ToAccountResult());
    }
}
