namespace PaySim.Runtime;

/// <summary>What the runtime offers one activation; <see cref="Grain"/> wraps it in Orleans-style members.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    void DeactivateOnIdle();

    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminder(IGrainReminder reminder);

    Task<IGrainReminder?> GetReminder(string reminderName);

    IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}
