using Microsoft.Extensions.DependencyInjection;
using PaySim.Silo.Storage;

namespace PaySim.Tests.TestingHost;

/// <summary>How a <see cref="PaySimTestCluster"/> is built; every silo of it gets the same settings and store.</summary>
public sealed class PaySimTestClusterOptions
{
    public short SiloCount { get; init; } = 1;

    /// <summary>The store all silos share; null means one in-memory store shared by the cluster's silos.</summary>
    public StorageOptions? Storage { get; init; }

    /// <summary>The clock of grains, grain timers and reminders; membership and messaging keep real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Extra configuration of every silo, e.g. <c>PaySim:Recovery:RecoveryDelay</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
