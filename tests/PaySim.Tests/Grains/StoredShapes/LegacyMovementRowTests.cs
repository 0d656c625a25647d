using Orleans.Runtime;
using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Trades;
using PaySim.Grains.Transfers;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// A crash before the one movement protocol left rows with the step in <c>Status</c>/<c>Phase</c> and no movement. Each
/// test writes such a legacy golden document as it is into the cluster's store, with the debit it had applied under the
/// operation ids of then, and resumes the grain as the silo does at start-up and a recovery reminder does: the
/// movement finishes (or is undone) once, however often it is resumed. The documents name their own accounts and keys.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class LegacyMovementRowTests(GrainClusterFixture fixture)
{
    private IGrainStateStore Store => fixture.Cluster.Store().GrainStateStore;

    [Fact]
    public async Task LegacyTransferRow_StartedAfterTheDebit_IsCompletedOnce()
    {
        const string TransferId = "legacy-transfer-started";
        var legacy = LegacyShapeTests.ReadTransfer("Started");
        var (source, target) = (legacy.Source!, legacy.Target);
        await OpenAsync(source, 100);
        await OpenAsync(target, 0);
        await StoredState.WriteNewPayloadAsync(Store, "transfer", TransferId, GoldenDocuments.Read("Legacy/TransferGrainState.Started"));
        // Before the protocol a transfer's operation ids had no attempt number.
        await ApplyAsync(source, $"transfer:{TransferId}:out", MovementKind.TransferOut, 40, target, "transfer:" + TransferId);

        await ResumeTwiceAsync("transfer", TransferId);

        var stored = await StoredState.ReadAsync<TransferGrainState>(Store, "transfer", TransferId);
        Assert.Equal((TransferStatus.Completed, TransferResult.Ok), (stored!.Status, stored.Result));
        Assert.Null(stored.InFlight);
        Assert.Equal((60L, 40L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
        // The client's retry of the same request answers the outcome and moves nothing more.
        Assert.Equal(TransferResult.Ok, await fixture.Grains.GetGrain<ITransferGrain>(TransferId).ExecuteAsync(new TransferRequest(source, target, 40, null)));
        Assert.Equal((60L, 40L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
        Assert.Equal(
            [("open", MovementKind.Deposit, 100L), ($"transfer:{TransferId}:out", MovementKind.TransferOut, -40L)],
            await LedgerAsync(source, "transfer:" + TransferId));
        Assert.Equal([($"transfer:{TransferId}:in", MovementKind.TransferIn, 40L)], await LedgerAsync(target, "transfer:" + TransferId));
    }

    [Fact]
    public async Task LegacyTransferRow_Reversing_IsReversedOnce_AndFailsWithItsRefusal()
    {
        const string TransferId = "legacy-transfer-reversing";
        var legacy = LegacyShapeTests.ReadTransfer("Reversing");
        var (source, target) = (legacy.Source!, legacy.Target);
        await OpenAsync(source, 100);
        await OpenAsync(target, 0);
        await fixture.Account(target).FreezeAsync();
        await StoredState.WriteNewPayloadAsync(Store, "transfer", TransferId, GoldenDocuments.Read("Legacy/TransferGrainState.Reversing"));
        await ApplyAsync(source, $"transfer:{TransferId}:out", MovementKind.TransferOut, 40, target, "transfer:" + TransferId);

        await ResumeTwiceAsync("transfer", TransferId);

        var stored = await StoredState.ReadAsync<TransferGrainState>(Store, "transfer", TransferId);
        Assert.Equal((TransferStatus.Failed, TransferResult.AccountFrozen), (stored!.Status, stored.Result));
        Assert.Null(stored.InFlight);
        Assert.Equal((100L, 0L), (await fixture.BalanceAsync(source), await fixture.BalanceAsync(target)));
        Assert.Equal(
            [
                ("open", MovementKind.Deposit, 100L),
                ($"transfer:{TransferId}:out", MovementKind.TransferOut, -40L),
                ($"transfer:{TransferId}:reversal", MovementKind.Reversal, 40L),
            ],
            await LedgerAsync(source, "transfer:" + TransferId));
        // The payee holds only the fence of the refused credit: nothing moved there, and the credit can never land.
        Assert.Equal([($"transfer:{TransferId}:in", MovementKind.VoidedCredit, 0L)], await LedgerAsync(target, "transfer:" + TransferId));
    }

    [Fact]
    public async Task LegacyTradeRow_PayingAfterTheDebit_IsPaidOnce()
    {
        const string TradeId = "legacy-trade-paying";
        var legacy = LegacyShapeTests.ReadTrade("Paying");
        var (payer, merchant) = (legacy.Source, legacy.Target);
        await OpenAsync(payer, 1_000);
        await OpenAsync(merchant, 0);
        await StoredState.WriteNewPayloadAsync(Store, "trade", TradeId, GoldenDocuments.Read("Legacy/TradeGrainState.Paying"));
        // A trade's operation ids already carried the attempt number.
        await ApplyAsync(payer, $"trade:{TradeId}:1:out", MovementKind.PaymentOut, 100, merchant, "trade:" + TradeId);

        await ResumeTwiceAsync("trade", TradeId);

        var stored = await StoredState.ReadAsync<TradeGrainState>(Store, "trade", TradeId);
        Assert.Equal((TradePhase.Paid, 1), (stored!.Phase, stored.PaymentAttempt));
        Assert.Null(stored.InFlight);
        Assert.Equal((900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        // The payer's retry is told it is paid, and moves nothing more.
        var trade = fixture.Grains.GetGrain<ITradeGrain>(TradeId);
        Assert.Equal(TradeResult.AlreadyPaid, await trade.PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal(TradeState.Paid, (await trade.GetSnapshotAsync())!.State);
        Assert.Equal((900L, 100L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        Assert.Equal(
            [("open", MovementKind.Deposit, 1_000L), ($"trade:{TradeId}:1:out", MovementKind.PaymentOut, -100L)],
            await LedgerAsync(payer, "trade:" + TradeId));
        Assert.Equal([($"trade:{TradeId}:1:in", MovementKind.PaymentIn, 100L)], await LedgerAsync(merchant, "trade:" + TradeId));
    }

    [Fact]
    public async Task LegacyTradeRow_Reversing_IsReversedOnce_AndTheTradeIsPendingAgain()
    {
        const string TradeId = "legacy-trade-reversing";
        var legacy = LegacyShapeTests.ReadTrade("Reversing");
        var (payer, merchant) = (legacy.Source, legacy.Target);
        await OpenAsync(payer, 1_000);
        await OpenAsync(merchant, 0);
        await fixture.Account(merchant).FreezeAsync();
        await StoredState.WriteNewPayloadAsync(Store, "trade", TradeId, GoldenDocuments.Read("Legacy/TradeGrainState.Reversing"));
        await ApplyAsync(payer, $"trade:{TradeId}:2:out", MovementKind.PaymentOut, 100, merchant, "trade:" + TradeId);

        await ResumeTwiceAsync("trade", TradeId);

        var stored = await StoredState.ReadAsync<TradeGrainState>(Store, "trade", TradeId);
        Assert.Equal((TradePhase.Pending, 2), (stored!.Phase, stored.PaymentAttempt));
        Assert.Null(stored.InFlight);
        Assert.Equal((1_000L, 0L), (await fixture.BalanceAsync(payer), await fixture.BalanceAsync(merchant)));
        Assert.Equal(
            [
                ("open", MovementKind.Deposit, 1_000L),
                ($"trade:{TradeId}:2:out", MovementKind.PaymentOut, -100L),
                ($"trade:{TradeId}:2:reversal", MovementKind.Reversal, 100L),
            ],
            await LedgerAsync(payer, "trade:" + TradeId));
        Assert.Equal([($"trade:{TradeId}:2:in", MovementKind.VoidedCredit, 0L)], await LedgerAsync(merchant, "trade:" + TradeId));
    }

    private async Task OpenAsync(string username, long balanceFen) =>
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).OpenAsync(GrainClusterFixture.Password, balanceFen));

    private async Task ApplyAsync(string username, string operationId, MovementKind kind, long amountFen, string counterparty, string reference) =>
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(new AccountMovement(operationId, kind, amountFen, counterparty, reference)));

    /// <summary>
    /// Resumes the grain's movement twice, as the silo's start-up scan and a recovery reminder tick may both do, each
    /// from a fresh activation that reads the row from the store.
    /// </summary>
    private async Task ResumeTwiceAsync(string grainType, string key)
    {
        var orchestrator = fixture.Grains.GetGrain<IMovementOrchestratorGrain>(GrainId.Create(grainType, key));
        await orchestrator.ResumeMovementAsync();
        await fixture.Cluster.DeactivateAllAsync();
        await orchestrator.ResumeMovementAsync();
    }

    /// <summary>The account's ledger lines: the opening deposit and those of <paramref name="reference"/>, by entry id.</summary>
    private async Task<List<(string EntryId, MovementKind Kind, long AmountFen)>> LedgerAsync(string username, string reference)
    {
        var lines = new List<(string, MovementKind, long)>();
        await foreach (var stored in Store.ReadAllJournalEntriesAsync("account", CancellationToken.None))
        {
            var line = LedgerLine.FromJson(stored.Entry.Payload);
            if (stored.GrainKey == username && (line.Reference == reference || stored.Entry.EntryId == "open"))
            {
                lines.Add((stored.Entry.EntryId, line.Kind, line.AmountFen));
            }
        }

        return [.. lines.OrderBy(line => line.Item1 == "open" ? 0 : 1).ThenBy(line => line.Item1, StringComparer.Ordinal)];
    }
}
