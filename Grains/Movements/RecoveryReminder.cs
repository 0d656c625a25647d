using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Movements;

/// <summary>
/// The durable reminder named <see cref="Name"/> that an orchestrator holds while a movement of its is unfinished, where
/// its stored intent's mark is not all recovery needs (a merchant order, or any flow with Orleans' stock storage:
/// <see cref="IMovementFlow{TState}.FoundByStateMark"/>). Armed with the intent, disarmed after the outcome. It is placed as a row in the reminder table
/// (<see cref="IRecoveryMarkers"/>), not registered with Orleans' reminder service: the silo's recovery resumes every
/// grain holding one when a silo starts or dies, and, every recovery delay, every grain whose row is a delay old
/// (<c>Silo/Recovery</c>); Orleans' reminder service also ticks the rows it loads.
/// </summary>
internal sealed partial class RecoveryReminder(Grain grain, IRecoveryMarkers markers, TimeSpan period, ILogger logger) : IRecoveryReminder
{
    /// <summary>The one name every orchestrator uses, so the silo can find unfinished movements.</summary>
    public const string Name = "recover";

    /// <summary>The ETag of the row this activation placed; saves a table read when disarming.</summary>
    private string? _etag;

    public bool StatesAreMarked => markers.StatesAreMarked;

    public bool IsArmedHere => _etag is not null;

    public async Task ArmAsync() => _etag = await markers.PlaceAsync(grain.GetGrainId(), Name, period);

    /// <summary>
    /// Removes the reminder. Called after an outcome was stored, so a failure is logged, never thrown: the outcome is
    /// the caller's answer, and a reminder left behind is resumed by recovery, finds nothing unfinished and disarms.
    /// </summary>
    public async Task DisarmAsync()
    {
        var etag = _etag;
        _etag = null;
        if (etag is null)
        {
            // Placed by an earlier activation (or registered through Orleans by an older version): remove what is stored.
            await GrainReminders.TryUnregisterAsync(grain, Name, handle: null, logger);
            return;
        }

        try
        {
            // False: another activation of this owner placed it again since; that one removes it.
            await markers.RemoveAsync(grain.GetGrainId(), Name, etag);
        }
        catch (Exception exception)
        {
            LogRemoveFailed(logger, exception, grain.GetGrainId());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recovery reminder of {GrainId} could not be removed; recovery removes it when it next finds it with nothing to do")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, GrainId grainId);
}
