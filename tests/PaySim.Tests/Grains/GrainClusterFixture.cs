using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Grains;

/// <summary>
/// One silo with PaySim's grains over the in-memory store and a fake clock, shared by the grain test classes.
/// Tests use fresh account and trade keys, so they do not see each other's money.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public const string Password = "pw-123456";

    private PaySimTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new();

    public PaySimTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static PaySimTestClusterOptions Options(FakeTimeProvider clock) => new()
    {
        TimeProvider = clock,
    };

    public async Task InitializeAsync() => _cluster = await PaySimTestCluster.StartAsync(Options(Clock));

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public IAccountGrain Account(string username) => Grains.GetGrain<IAccountGrain>(username);

    /// <summary>Opens an account with a fresh name and returns the name.</summary>
    public Task<string> OpenAccountAsync(long balanceFen) => OpenAccountAsync(Grains, balanceFen);

    public static async Task<string> OpenAccountAsync(IGrainFactory grains, long balanceFen)
    {
        var username = "user-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(AccountResult.Ok, await grains.GetGrain<IAccountGrain>(username).OpenAsync(Password, balanceFen));
        return username;
    }

    public async Task<long> BalanceAsync(string username) => (await Account(username).GetSnapshotAsync())!.BalanceFen;
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
