using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains;

/// <summary>Removing a reminder after the state change that made it useless, for every grain here.</summary>
internal static partial class GrainReminders
{
    /// <summary>
    /// Unregisters <paramref name="reminderName"/> (using <paramref name="handle"/> when the caller holds one) and logs
    /// rather than throws on failure: every grain here runs this after a stored state change that is already the
    /// answer, and every reminder handler here drops a reminder that finds nothing to do.
    /// </summary>
    public static async Task TryUnregisterAsync(Grain grain, string reminderName, IGrainReminder? handle, ILogger logger)
    {
        try
        {
            var reminder = handle ?? await grain.GetReminder(reminderName);
            if (reminder is not null)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            LogUnregisterFailed(logger, exception, reminderName, grain.GetGrainId());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} could not be removed; it will remove itself when it next fires")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);
}
