using Microsoft.Extensions.Options;
using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Persistence;
using PaySim.Grains.Reconciliation;
using PaySim.Silo.Persistence;
using PaySim.Silo.Reconciliation;
using PaySim.Silo.Storage;
using PaySim.Tests.Silo.Storage;
using static PaySim.Tests.Silo.Reconciliation.LedgerSnapshotTestData;

namespace PaySim.Tests.Silo.Reconciliation;

/// <summary>What reconciliation reads from every store: one snapshot of balances, ledger lines and unfinished movements.</summary>
public abstract class StoreAccountLedgerReaderContractTests(StoreFixture store)
{
    private IGrainStateStore States => store.Provider.GrainStateStore;

    private StoreAccountLedgerReader Reader => new(store.Provider, Options.Create(new StorageOptions()));

    [Fact]
    public async Task ReadSnapshot_WritesCommittedWhileTheScanRuns_AreSeenByNoneOfItsScans()
    {
        var (account, newcomer, transfer) = (NewKey("账户"), NewKey("账户"), NewKey("t"));
        var etag = await States.WriteStateAsync(AccountId(account), "account", Account(100), null, [Deposit("op-1", 100, 100)], default);

        // Once the scan has begun, commit a balance change with its line, a new account, and an unfinished transfer.
        var items = new List<LedgerSnapshotItem>();
        await foreach (var item in Reader.ReadSnapshotAsync(CancellationToken.None))
        {
            if (items.Count == 0)
            {
                await States.WriteStateAsync(AccountId(account), "account", Account(150), etag, [Deposit("op-2", 50, 150)], default);
                await States.WriteStateAsync(AccountId(newcomer), "account", Account(70), null, [Deposit("op-1", 70, 70)], default);
                await WriteDocumentAsync("transfer", "transfer", transfer, "transfer:" + transfer);
            }

            items.Add(item);
        }

        // Balances, lines and movements are all of the moment before those writes: each balance matches its lines.
        Assert.Equal([100L], items.OfType<AccountBalance>().Where(row => row.Username == account).Select(row => row.BalanceFen));
        Assert.Equal([100L], items.OfType<AccountLedgerLine>().Where(row => row.Username == account).Select(row => row.Line.AmountFen));
        Assert.DoesNotContain(items, item => item is AccountBalance { Username: var name } && name == newcomer);
        Assert.DoesNotContain(items, item => item is AccountLedgerLine { Username: var name } && name == newcomer);
        Assert.DoesNotContain(items, item => item is UnfinishedMovement { Owner: var owner } && owner == "transfer/" + transfer);

        // The next snapshot sees all of them.
        var after = await Reader.ReadSnapshotAsync(CancellationToken.None).ToListAsync();
        Assert.Equal([150L], after.OfType<AccountBalance>().Where(row => row.Username == account).Select(row => row.BalanceFen));
        Assert.Equal(2, after.OfType<AccountLedgerLine>().Count(row => row.Username == account));
        Assert.Contains(after, item => item is AccountLedgerLine { Username: var name } && name == newcomer);
        Assert.Contains(new UnfinishedMovement("transfer/" + transfer, "transfer:" + transfer + ":1", "transfer:" + transfer, StartedAt), after);
    }

    [Fact]
    public async Task ReadSnapshot_ReturnsTheMovementOfEveryUnfinishedOrchestrator_AndNoneOfFinishedOnes()
    {
        var (transfer, trade, order, finished) = (NewKey("t"), NewKey("trade"), NewKey("order"), NewKey("t"));
        await WriteDocumentAsync("transfer", "transfer", transfer, "transfer:" + transfer);
        await WriteDocumentAsync("trade", "trade", trade, "trade:" + trade);
        await WriteDocumentAsync("merchantorder", "order", order, "order:" + order);
        await WriteDocumentAsync("transfer", "transfer", finished, reference: null);

        var movements = await Reader.ReadSnapshotAsync(CancellationToken.None).OfType<UnfinishedMovement>().ToListAsync();

        UnfinishedMovement[] expected =
        [
            new("transfer/" + transfer, "transfer:" + transfer + ":1", "transfer:" + transfer, StartedAt),
            new("trade/" + trade, "trade:" + trade + ":1", "trade:" + trade, StartedAt),
            new("merchantorder/" + order, "order:" + order + ":1", "order:" + order, StartedAt),
        ];
        Assert.Equal(expected, movements.Where(movement => expected.Any(wanted => wanted.Owner == movement.Owner)));
        Assert.DoesNotContain(movements, movement => movement.Owner == "transfer/" + finished);
    }

    [Fact]
    public async Task ReadSnapshot_PassesEachLedgerLineWithTheIdOfItsJournalEntry()
    {
        var account = NewKey("账户");
        var transferOut = new JournalEntry("transfer:t1:1:out", new LedgerLine(MovementKind.TransferOut, -30, "账户B", "transfer:t1", 70, StartedAt).ToJson(), StartedAt);
        await States.WriteStateAsync(AccountId(account), "account", Account(70), null, [Deposit("deposit:d1", 100, 100), transferOut], default);

        var lines = await Reader.ReadSnapshotAsync(CancellationToken.None).OfType<AccountLedgerLine>()
            .Where(line => line.Username == account).ToListAsync();

        Assert.Equal(
            [("deposit:d1", 100L), ("transfer:t1:1:out", -30L)],
            lines.Select(line => (line.EntryId, line.Line.AmountFen)).Order());
    }

    private static StoredGrainId AccountId(string username) => new("account", username);

    private Task WriteDocumentAsync(string grainType, string stateName, string key, string? reference) =>
        States.WriteStateAsync(new StoredGrainId(grainType, key), stateName, StateJson.Serialize(Document(reference)), null, [], default);
}

public sealed class SqliteStoreAccountLedgerReaderTests(SqliteStoreFixture store)
    : StoreAccountLedgerReaderContractTests(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgreSqlStoreAccountLedgerReaderTests(PostgreSqlStoreFixture store)
    : StoreAccountLedgerReaderContractTests(store), IClassFixture<PostgreSqlStoreFixture>;

public sealed class MemoryStoreAccountLedgerReaderTests(MemoryStoreFixture store)
    : StoreAccountLedgerReaderContractTests(store), IClassFixture<MemoryStoreFixture>;
