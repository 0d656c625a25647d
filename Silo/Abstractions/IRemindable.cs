namespace PaySim.Runtime;

/// <summary>Implemented by grains that register durable reminders; each tick is delivered as a normal turn.</summary>
public interface IRemindable
{
    /// <summary>Delivers one tick of the reminder <paramref name="reminderName"/> (at least once per due time).</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset DueTime, DateTimeOffset CurrentTime);

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }
}
