using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Movements;

/// <summary>
/// The durable reminder named <see cref="Name"/> that an orchestrator holds while a movement of its is unfinished:
/// it ticks every recovery delay and resumes the movement, and the silo resumes every grain holding one when it
/// starts (<c>Silo/Recovery</c>). Armed with the intent, disarmed after the outcome.
/// </summary>
internal sealed class RecoveryReminder(Grain grain, TimeSpan period, ILogger logger) : IRecoveryReminder
{
    /// <summary>The one name every orchestrator uses, so the silo can find unfinished movements at start-up.</summary>
    public const string Name = "recover";

    /// <summary>The handle from this activation's registration; saves a table read when disarming.</summary>
    private IGrainReminder? _handle;

    public bool IsArmedHere => _handle is not null;

    public async Task ArmAsync() => _handle = await grain.RegisterOrUpdateReminder(Name, period, period);

    /// <summary>
    /// Removes the reminder. Called after an outcome was stored, so a failure is logged, never thrown: the outcome is
    /// the caller's answer, and a reminder left behind fires, finds nothing unfinished and disarms itself.
    /// </summary>
    public async Task DisarmAsync()
    {
        var handle = _handle;
        _handle = null;
        await GrainReminders.TryUnregisterAsync(grain, Name, handle, logger);
    }
}
