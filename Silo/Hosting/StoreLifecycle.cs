using Orleans;
using Orleans.Runtime;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Brings the store's schema up to date before anything in the silo reads it (membership reads its queries from the
/// same database, reminders and grains their rows), and closes the store last, after every grain has deactivated.
/// </summary>
internal sealed class StoreLifecycle(IStorageProvider store) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Before Orleans' own runtime start-up, which initialises the membership table.</summary>
    private const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1000;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<StoreLifecycle>(Stage, store.InitializeAsync, async _ => await store.DisposeAsync().ConfigureAwait(false));
}
