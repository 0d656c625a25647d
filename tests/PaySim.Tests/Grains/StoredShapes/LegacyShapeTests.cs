using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Trades;
using PaySim.Grains.Transfers;
using PaySim.Silo.Persistence;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// Pins the rows transfers and trades stored before the one movement protocol (before commit be1902b): their step in
/// <c>Status</c>/<c>Phase</c>, no <c>InFlight</c> movement, and for transfers no <c>Attempt</c>. Such rows may still be in
/// a store, and the grains rebuild their movement from them (<c>InFlight()</c> in TransferGrain.Steps.cs and
/// TradeGrain.Payment.cs); <see cref="LegacyMovementRowTests"/> resumes them in a cluster.
/// </summary>
public sealed class LegacyShapeTests
{
    private static readonly DateTimeOffset s_startedAt = new(2025, 12, 31, 23, 50, 0, TimeSpan.Zero);

    public static TransferGrainState ReadTransfer(string step) =>
        StateJson.Deserialize<TransferGrainState>(GoldenDocuments.Read("Legacy/TransferGrainState." + step))!;

    public static TradeGrainState ReadTrade(string phase) =>
        StateJson.Deserialize<TradeGrainState>(GoldenDocuments.Read("Legacy/TradeGrainState." + phase))!;

    [Fact]
    public void LedgerLine_WrittenBeforeFencesKeptTheirRefusal_ReadsWithNone_AndAFencedLegOfItIsAConflict()
    {
        var read = LedgerLine.FromJson(GoldenDocuments.Read("Legacy/LedgerLine.BeforeRefusal"));

        Assert.Equal(new LedgerLine(MovementKind.TransferOut, -4_000, "bob", "transfer:t-1", 8_345, read.Time), read);
        Assert.Null(read.Refusal);
        var oldFence = AppliedMovement.Of(read with { Kind = MovementKind.VoidedDebit, AmountFen = 0 });
        Assert.Null(oldFence.FencedRefusalOf(new AccountMovement("t:out", MovementKind.TransferOut, 4_000, "bob", "transfer:t-1")));
    }

    [Fact]
    public void MerchantOrderRow_WrittenBeforeOrdersKeptTheirAuthCode_ReadsWithNone()
    {
        var read = StateJson.Deserialize<PaySim.Grains.Merchant.MerchantOrderGrainState>(GoldenDocuments.Read("Legacy/MerchantOrderGrainState.BeforeAuthCode"))!;

        Assert.Equal(("order-1", "payer-ref"), (read.Request!.OrderNumber, read.Request.Echo.PayerReference));
        Assert.Null(read.Request.Echo.AuthCode);
    }

    [Fact]
    public void LegacyTransferRow_Reversing_ReadsItsStepAndRefusal_AndNoMovement()
    {
        var read = ReadTransfer("Reversing");

        Assert.Equal(("legacy-transfer-reversing-source", "legacy-transfer-reversing-target", 40L), (read.Source, read.Target, read.AmountFen));
        Assert.Equal((TransferStatus.Reversing, TransferResult.AccountFrozen, s_startedAt), (read.Status, read.Result, read.StartedAt));
        Assert.Equal(0, read.Attempt);
        Assert.Null(read.InFlight);
    }

    [Fact]
    public void LegacyTransferRow_Started_ReadsAsStartedWithoutAMovement()
    {
        var read = ReadTransfer("Started");

        Assert.Equal(("legacy-transfer-started-source", "legacy-transfer-started-target", 40L), (read.Source, read.Target, read.AmountFen));
        Assert.Equal((TransferStatus.Started, TransferResult.Ok, s_startedAt), (read.Status, read.Result, read.StartedAt));
        Assert.Equal(0, read.Attempt);
        Assert.Null(read.InFlight);
    }

    [Fact]
    public void LegacyTradeRow_Reversing_ReadsItsPhaseAttemptAndRefusal_AndNoMovement()
    {
        var read = ReadTrade("Reversing");

        Assert.Equal(("202512312350000002", "legacy-trade-reversing-payer", "legacy-trade-reversing-merchant", 100L),
            (read.TransactionId, read.Source, read.Target, read.AmountFen));
        Assert.Equal((TradePhase.Reversing, 2, TradeResult.AccountFrozen), (read.Phase, read.PaymentAttempt, read.Refusal));
        Assert.Equal((s_startedAt, s_startedAt.AddMinutes(30)), (read.CreatedAt, read.ExpiresAt));
        Assert.Null(read.InFlight);
    }

    [Fact]
    public void LegacyTradeRow_Paying_ReadsItsPhaseAndAttempt_AndNoMovement()
    {
        var read = ReadTrade("Paying");

        Assert.Equal(("202512312350000001", "legacy-trade-paying-payer", "legacy-trade-paying-merchant", 100L),
            (read.TransactionId, read.Source, read.Target, read.AmountFen));
        Assert.Equal((TradePhase.Paying, 1, TradeResult.Ok), (read.Phase, read.PaymentAttempt, read.Refusal));
        Assert.Null(read.InFlight);
    }

    /// <summary>
    /// The legacy documents are what the code before be1902b wrote: the same properties in the same order, less those
    /// the protocol added at the end. Written again now, they gain exactly those, empty.
    /// </summary>
    [Theory]
    [InlineData("Started")]
    [InlineData("Reversing")]
    public void LegacyTransferRow_IsTheCurrentShapeLessAttemptAndInFlight(string step)
    {
        var legacy = GoldenDocuments.Read("Legacy/TransferGrainState." + step);

        Assert.Equal(legacy[..^1] + ",\"Attempt\":0,\"InFlight\":null}", StateJson.Serialize(ReadTransfer(step)));
    }

    [Theory]
    [InlineData("Paying")]
    [InlineData("Reversing")]
    public void LegacyTradeRow_IsTheCurrentShapeLessInFlight(string phase)
    {
        var legacy = GoldenDocuments.Read("Legacy/TradeGrainState." + phase);

        Assert.Equal(legacy[..^1] + ",\"InFlight\":null}", StateJson.Serialize(ReadTrade(phase)));
    }
}
