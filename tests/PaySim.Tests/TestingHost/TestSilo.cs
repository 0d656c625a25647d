using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaySim.Runtime;
using PaySim.Silo.Activation;
using PaySim.Silo.Reminders;
using PaySim.Silo.Storage;

namespace PaySim.Tests.TestingHost;

/// <summary>One in-process silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestSilo(IHost host)
{
    public IHost Host { get; } = host;

    public IGrainFactory GrainFactory => Host.Services.GetRequiredService<IGrainFactory>();

    public Catalog Catalog => Host.Services.GetRequiredService<Catalog>();

    public ReminderService Reminders => Host.Services.GetRequiredService<ReminderService>();

    public IGrainStorage GrainStorage => Host.Services.GetRequiredService<IStorageProvider>().GrainStorage;
}
