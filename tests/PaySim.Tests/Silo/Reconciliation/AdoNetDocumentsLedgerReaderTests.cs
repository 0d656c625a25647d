using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Reconciliation;
using PaySim.Silo.Storage;
using PaySim.Tests.Silo.Persistence;
using static PaySim.Tests.Silo.Reconciliation.LedgerSnapshotTestData;

namespace PaySim.Tests.Silo.Reconciliation;

/// <summary>
/// With <c>PaySim:Storage:DocumentStore=AdoNet</c> the orchestrators' documents are written by Orleans' stock ADO.NET
/// storage into <c>OrleansStorage</c>; reconciliation finds their unfinished movements there, in the same snapshot.
/// </summary>
public sealed class AdoNetDocumentsLedgerReaderTests(AdoNetGrainStorageFixture documents) : IClassFixture<AdoNetGrainStorageFixture>
{
    [Fact]
    public async Task ReadSnapshot_ReturnsTheUnfinishedMovementsOrleansStockStorageWrote_AndNoneOfFinishedOnes()
    {
        var (order, transfer, finished) = (NewKey("order"), NewKey("t"), NewKey("t"));
        await WriteAsync("merchantorder", "order", order, "order:" + order);
        await WriteAsync("transfer", "transfer", transfer, "transfer:" + transfer);
        await WriteAsync("transfer", "transfer", finished, reference: null);

        var options = new StorageOptions
        {
            Provider = StorageProviderKind.PostgreSql,
            ConnectionString = documents.ConnectionString,
            DocumentStore = DocumentStoreKind.AdoNet,
        };
        await using var store = StorageProviderFactory.Create(options, NullLoggerFactory.Instance);
        var movements = await new StoreAccountLedgerReader(store, Options.Create(options))
            .ReadSnapshotAsync(CancellationToken.None).OfType<UnfinishedMovement>().ToListAsync();

        Assert.Equal(
            [
                new UnfinishedMovement("transfer/" + transfer, "transfer:" + transfer + ":1", "transfer:" + transfer, StartedAt),
                new("merchantorder/" + order, "order:" + order + ":1", "order:" + order, StartedAt),
            ],
            movements);
    }

    private Task WriteAsync(string grainType, string stateName, string key, string? reference) =>
        documents.Storage.WriteStateAsync(stateName, GrainId.Create(grainType, key), new GrainState<OrchestratorDocument>(Document(reference)));
}
