using Microsoft.Extensions.Hosting;
using PaySim.Silo.Activation;
using PaySim.Silo.Reminders;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Starts the silo with its host: migrates the store, then starts idle collection and the reminder poll.
/// On stop it stops reminders first, then deactivates every activation so in-flight turns finish.
/// </summary>
public sealed class SiloHost(IStorageProvider storage, Catalog catalog, ReminderService reminders) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        catalog.StartCollection();
        reminders.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await reminders.DisposeAsync().ConfigureAwait(false);
        catalog.Dispose();
        await catalog.DeactivateAllAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
