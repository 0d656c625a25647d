using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;

namespace PaySim.Tests.TestingHost;

/// <summary>How a <see cref="TestCluster"/> is built; every silo of it gets the same settings and store.</summary>
public sealed class TestClusterOptions
{
    public int SiloCount { get; init; } = 1;

    /// <summary>The store all silos share; null means one in-memory store shared by the cluster's silos.</summary>
    public StorageOptions? Storage { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public IReadOnlyList<Assembly> GrainAssemblies { get; init; } = [typeof(TestClusterOptions).Assembly];

    public Action<SiloOptions>? ConfigureSilo { get; init; }

    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
