using PaySim.Grains.Movements;

namespace PaySim.Tests.Grains.Movements;

/// <summary>The one id scheme: no client text can make two movements spell one id.</summary>
[Trait("Tier", "Unit")]
public sealed class MovementIdsTests
{
    public static TheoryData<string, string, string, string> CollidingWhenJoined => new()
    {
        { "m:o", "r:refund:s", "m:o:refund:r", "s" },
        { "a/b", "c", "a", "b/c" },
        { "a%3Ab", "1", "a:b", "1" },
        { "a%2Fb", "1", "a/b", "1" },
    };

    [Theory]
    [MemberData(nameof(CollidingWhenJoined))]
    public void Of_TwoMovementsWhoseTextsJoinAlike_AreTwoIds(string firstOwner, string firstKey, string secondOwner, string secondKey)
    {
        var first = MovementIds.Of(MovementFlow.MerchantRefund, firstOwner, firstKey);
        var second = MovementIds.Of(MovementFlow.MerchantRefund, secondOwner, secondKey);

        Assert.NotEqual(first, second);
        Assert.Equal(first, MovementIds.MovementOf(MovementIds.Leg(first, MovementIds.ReversalLeg)));
    }

    [Fact]
    public void Of_TheSameKeyInTwoFlows_AreTwoIds() =>
        Assert.NotEqual(MovementIds.Of(MovementFlow.MerchantPayment, "m:o", "1"), MovementIds.Of(MovementFlow.MerchantRefund, "m:o", "1"));

    [Fact]
    public void Of_TooLongToSpellOut_IsHashed_WithinTheLimit_AndStillDistinct()
    {
        // The longest texts the merchant API lets through: a 50-character order number and a 64-character refund number.
        var colons = new string(':', 64);
        var owner = "10000000000001:" + new string(':', 50);
        var first = MovementIds.Of(MovementFlow.MerchantRefund, owner, colons);
        var second = MovementIds.Of(MovementFlow.MerchantRefund, owner, colons[1..] + "x");

        Assert.NotEqual(first, second);
        Assert.All([first, second], id =>
        {
            Assert.True(MovementIds.Leg(id, MovementIds.ReversalLeg).Length <= PaySim.Grains.Persistence.JournalEntry.EntryIdLengthMax);
            Assert.Equal(1, id.Count(c => c == '/'));
            Assert.DoesNotContain(':', id);
        });
    }

    [Theory]
    [InlineData("transfer:t1", MovementFlow.Transfer, "t1")]
    [InlineData("trade:t1:1", MovementFlow.TradePayment, "t1")]
    [InlineData("merchant-order:m:o:pay:1", MovementFlow.MerchantPayment, "m:o")]
    public void Of_NeverSpellsAnIdOfTheSchemeBeforeIt(string legacyId, MovementFlow flow, string owner) =>
        Assert.NotEqual(legacyId, MovementIds.Of(flow, owner, "1"));
}
