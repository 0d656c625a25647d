using Npgsql;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Trades;
using PaySim.Grains.Transfers;
using PaySim.Silo.Persistence;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.AdoNet;

/// <summary>
/// A PaySim silo with <c>PaySim:Storage:DocumentStore=AdoNet</c>: money flows whose orchestrating grains keep their
/// documents in Orleans' stock ADO.NET storage (table <c>OrleansStorage</c>) while the accounts keep theirs, and their
/// ledgers, in PaySim's <c>grain_state</c> and <c>grain_journal</c>; the books still balance.
/// </summary>
public sealed class AdoNetDocumentStoreClusterTests
{
    [Fact]
    public async Task TransferAndTradePayment_KeepTheirDocumentsInOrleansStorage_AccountsInPaySimsStore_AndTheBooksBalance()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
        {
            Storage = new StorageOptions
            {
                Provider = StorageProviderKind.PostgreSql,
                ConnectionString = database.ConnectionString,
                DocumentStore = DocumentStoreKind.AdoNet,
            },
        });
        var grains = cluster.GrainFactory;

        // A transfer between two accounts.
        var source = await GrainClusterFixture.OpenAccountAsync(grains, 1_000);
        var target = await GrainClusterFixture.OpenAccountAsync(grains, 5);
        var transferId = $"transfer-{Guid.NewGuid():N}";
        Assert.Equal(TransferResult.Ok, await grains.GetGrain<ITransferGrain>(transferId).ExecuteAsync(new TransferRequest(source, target, 300, null)));

        // A trade, created by the merchant and paid by the payer.
        var payer = await GrainClusterFixture.OpenAccountAsync(grains, 500);
        var merchant = await GrainClusterFixture.OpenAccountAsync(grains, 0);
        var tradeId = $"trade-{Guid.NewGuid():N}";
        var trade = grains.GetGrain<ITradeGrain>(tradeId);
        Assert.Equal(TradeResult.Ok, (await trade.CreateAsync(new TradeRequest(payer, merchant, 120, 30))).Result);
        Assert.Equal(TradeResult.Ok, await trade.PayAsync(payer, GrainClusterFixture.Password));

        Assert.Equal(
            (700L, 305L, 380L, 120L),
            (await BalanceAsync(source), await BalanceAsync(target), await BalanceAsync(payer), await BalanceAsync(merchant)));

        // The documents are rows of the stock provider (keyed by state name and grain key), not of PaySim's store.
        var transfer = StateJson.Deserialize<TransferGrainState>(await OrleansStoragePayloadAsync(database.ConnectionString, "transfer", transferId))!;
        Assert.Equal((source, target, 300L, TransferStatus.Completed, TransferResult.Ok), (transfer.Source, transfer.Target, transfer.AmountFen, transfer.Status, transfer.Result));
        var paid = StateJson.Deserialize<TradeGrainState>(await OrleansStoragePayloadAsync(database.ConnectionString, "trade", tradeId))!;
        Assert.Equal((payer, merchant, 120L, TradePhase.Paid), (paid.Source, paid.Target, paid.AmountFen, paid.Phase));
        Assert.Equal(0L, await ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM grain_state WHERE grain_type IN ('transfer', 'trade')"));

        // The accounts stay in PaySim's store: a state row each, and ledger lines written with it.
        string[] accounts = [source, target, payer, merchant];
        Assert.Equal(4L, await ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM grain_state WHERE grain_type = 'account' AND grain_id = ANY(@accounts)", accounts));
        Assert.Equal(
            accounts.Order(StringComparer.Ordinal),
            (await StringsAsync(database.ConnectionString,
                "SELECT DISTINCT grain_id FROM grain_journal WHERE grain_type = 'account' AND grain_id = ANY(@accounts)", accounts)).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString = ANY(@accounts)", accounts));

        // Deactivated and read back from OrleansStorage, the documents still answer as before.
        await cluster.DeactivateAllAsync();
        Assert.Equal(TransferResult.Ok, await grains.GetGrain<ITransferGrain>(transferId).ExecuteAsync(new TransferRequest(source, target, 300, null)));
        Assert.Equal(TradeResult.AlreadyPaid, await trade.PayAsync(payer, GrainClusterFixture.Password));
        Assert.Equal((700L, 380L), (await BalanceAsync(source), await BalanceAsync(payer)));

        var report = await grains.GetGrain<IReconciliationGrain>(0).RunAsync();
        Assert.True(report.Ok, string.Join("; ", report.Differences));
        Assert.Equal((4, 0L, 0), (report.AccountCount, report.InFlightFen, report.DifferenceCount));

        async Task<long> BalanceAsync(string username) => (await grains.GetGrain<IAccountGrain>(username).GetSnapshotAsync())!.BalanceFen;
    }

    private static async Task<string> OrleansStoragePayloadAsync(string connectionString, string stateName, string key)
    {
        var payloads = await StringsAsync(connectionString, """
            SELECT convert_from(PayloadBinary, 'UTF8') FROM OrleansStorage
            WHERE GrainTypeString = @state AND GrainIdExtensionString = @key
            """, null, ("state", stateName), ("key", key));
        return Assert.Single(payloads);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, string[]? accounts = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (accounts is not null)
        {
            command.Parameters.AddWithValue("accounts", accounts);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StringsAsync(
        string connectionString, string sql, string[]? accounts, params (string Name, string Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (accounts is not null)
        {
            command.Parameters.AddWithValue("accounts", accounts);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
