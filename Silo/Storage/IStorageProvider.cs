namespace PaySim.Silo.Storage;

/// <summary>One store (PostgreSQL or the embedded SQLite file) offering grain state and reminders.</summary>
public interface IStorageProvider : IAsyncDisposable
{
    IGrainStateStore GrainStateStore { get; }

    IReminderStore ReminderStore { get; }

    /// <summary>Applies pending schema migrations; safe to call concurrently from several silos.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
