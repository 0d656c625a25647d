namespace PaySim.Runtime;

/// <summary>
/// Base class of grain implementations. Calls to one activation run one at a time, in arrival order, and each
/// call runs to completion (including its awaits) before the next starts: grain code needs no locks.
/// </summary>
public abstract class Grain
{
    protected Grain()
    {
        GrainContext = RuntimeContext.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; do not construct them directly.");
    }

    public IGrainContext GrainContext { get; }

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The grain's string key (Orleans: <c>this.GetPrimaryKeyString()</c>).</summary>
    protected string GrainKey => GrainContext.GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => GrainContext.UnregisterReminder(reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => GrainContext.GetReminder(reminderName);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterGrainTimer(callback, dueTime, period);
}
