using Microsoft.Extensions.Logging.Abstractions;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains.Movements;

/// <summary>
/// Two activations of one orchestrator, as a membership change can briefly make, driven by hand against real account
/// grains on each store. One ends a movement as refused (its debit refused, or its credit refused and reversed), the
/// refusing account becomes able to take the leg, and the other copy, still holding the stored intent, sends it. The
/// ETag fences the orchestrator's own state, not the accounts; the fence the account stored before the refusal was
/// stored (or the debit reversed) refuses that leg, so no money is lost or created.
/// </summary>
[Trait("Tier", "Cluster")]
public sealed class StaleLegTests
{
    private const long OpeningFen = 1_000;
    private const long AmountFen = 400;

    [Fact]
    public async Task StaleCreditAfterAReversal_IsRefused_Sqlite()
    {
        await using var sqlite = SqliteTestFolder.Create();
        await StaleCreditAfterAReversal_IsRefusedAsync(sqlite.Options);
    }

    [Fact]
    public async Task StaleCreditAfterAReversal_IsRefused_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await StaleCreditAfterAReversal_IsRefusedAsync(new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString });
    }

    [Fact]
    public async Task StaleDebitAfterARefusal_IsRefused_Sqlite()
    {
        await using var sqlite = SqliteTestFolder.Create();
        await StaleDebitAfterARefusal_IsRefusedAsync(sqlite.Options);
    }

    [Fact]
    public async Task StaleDebitAfterARefusal_IsRefused_PostgreSql()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await StaleDebitAfterARefusal_IsRefusedAsync(new StorageOptions { Provider = StorageProviderKind.PostgreSql, ConnectionString = database.ConnectionString });
    }

    private static async Task StaleDebitAfterARefusal_IsRefusedAsync(StorageOptions storage)
    {
        await using var cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = storage, TimeProvider = new FakeTimeProvider() });
        var grains = cluster.GrainFactory;
        var payer = await GrainClusterFixture.OpenAccountAsync(grains, AmountFen - 1); // too little: it refuses the debit
        var payee = await GrainClusterFixture.OpenAccountAsync(grains, 0);
        var owner = "stale-" + Guid.NewGuid().ToString("N");
        var movement = new Movement(MovementFlow.Transfer, MovementIds.Of(MovementFlow.Transfer, owner, "1"), MovementIds.Reference(MovementFlow.Transfer, owner),
            payer, payee, AmountFen, MovementKind.TransferOut, MovementKind.TransferIn, DateTimeOffset.UtcNow);
        var legs = new GrainMovementLegs(grains);

        var first = await MovementProtocol.StartAsync(legs, movement, new FakeRecorder(), NullLogger.Instance);
        Assert.Equal(new MovementOutcome(MovementEnd.DebitRefused, AccountResult.InsufficientFunds), first);
        Assert.Equal(AccountResult.Ok, await grains.GetGrain<IAccountGrain>(payer).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, OpeningFen, RequestId: null)));

        // The stale copy's debit alone (a first run's, sent before the refusal and delivered after it), then its whole run.
        Assert.Equal(AccountResult.InsufficientFunds, await grains.GetGrain<IAccountGrain>(payer).ApplyAsync(movement.Debit(mayBeRetry: false)));
        var stale = await MovementProtocol.ResumeAsync(legs, movement, new FakeRecorder(), NullLogger.Instance);

        Assert.Equal(MovementEnd.DebitRefused, stale.End);
        Assert.Equal((AmountFen - 1 + OpeningFen, 0L), (await BalanceAsync(grains, payer), await BalanceAsync(grains, payee)));
        var report = await grains.GetGrain<IReconciliationGrain>(0).RunAsync();
        Assert.True(report.Ok, string.Join("; ", report.Differences));
    }

    private static async Task StaleCreditAfterAReversal_IsRefusedAsync(StorageOptions storage)
    {
        await using var cluster = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions { Storage = storage, TimeProvider = new FakeTimeProvider() });
        var grains = cluster.GrainFactory;
        var payer = await GrainClusterFixture.OpenAccountAsync(grains, OpeningFen);
        var payee = "later-" + Guid.NewGuid().ToString("N")[..12]; // not opened yet: it refuses the credit
        var owner = "stale-" + Guid.NewGuid().ToString("N");
        var movement = new Movement(MovementFlow.Transfer, MovementIds.Of(MovementFlow.Transfer, owner, "1"), MovementIds.Reference(MovementFlow.Transfer, owner),
            payer, payee, AmountFen, MovementKind.TransferOut, MovementKind.TransferIn, DateTimeOffset.UtcNow);
        var legs = new GrainMovementLegs(grains);

        var first = await MovementProtocol.StartAsync(legs, movement, new FakeRecorder(), NullLogger.Instance);
        Assert.Equal(new MovementOutcome(MovementEnd.Reversed, AccountResult.NoSuchAccount), first);
        Assert.Equal(AccountResult.Ok, await grains.GetGrain<IAccountGrain>(payee).OpenAsync(GrainClusterFixture.Password, 0));

        // The stale copy's credit alone (a retry that waited on a journal read sends the same), then its whole run.
        Assert.Equal(AccountResult.NoSuchAccount, await grains.GetGrain<IAccountGrain>(payee).ApplyAsync(movement.Credit(mayBeRetry: false)));
        var stale = await MovementProtocol.ResumeAsync(legs, movement, new FakeRecorder(), NullLogger.Instance);

        Assert.Equal(MovementEnd.Reversed, stale.End);
        Assert.Equal((OpeningFen, 0L), (await BalanceAsync(grains, payer), await BalanceAsync(grains, payee)));
        var report = await grains.GetGrain<IReconciliationGrain>(0).RunAsync();
        Assert.True(report.Ok, string.Join("; ", report.Differences));
    }

    private static async Task<long> BalanceAsync(Orleans.IGrainFactory grains, string account) =>
        (await grains.GetGrain<IAccountGrain>(account).GetSnapshotAsync())!.BalanceFen;
}
