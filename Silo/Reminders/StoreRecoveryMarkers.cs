using Microsoft.Extensions.Options;
using Orleans.Runtime;
using PaySim.Grains.Movements;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Reminders;

/// <summary>Recovery reminders' rows written straight to the reminder table (<see cref="IRecoveryMarkers"/>).</summary>
internal sealed class StoreRecoveryMarkers(IStorageProvider store, IOptions<StorageOptions> storage, TimeProvider timeProvider) : IRecoveryMarkers
{
    public bool StatesAreMarked { get; } = storage.Value.DocumentStore == DocumentStoreKind.GroupCommit;

    public Task<string> PlaceAsync(GrainId owner, string name, TimeSpan period) =>
        store.ReminderStore.UpsertAsync(
            new StoredReminder(StoredGrainId.From(owner), owner.GetUniformHashCode(), name, timeProvider.GetUtcNow() + period, period, Etag: ""),
            CancellationToken.None);

    public Task<bool> RemoveAsync(GrainId owner, string name, string etag) =>
        store.ReminderStore.RemoveAsync(StoredGrainId.From(owner), name, etag, CancellationToken.None);
}
