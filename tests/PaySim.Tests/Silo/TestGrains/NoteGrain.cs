using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

/// <summary>A grain with persistent state, a reminder and a timer, for the runtime's tests.</summary>
public sealed class NoteGrain([PersistentState("note")] IPersistentState<NoteState> note) : Grain, INoteGrain, IRemindable
{
    private const string ReminderName = "note-reminder";
    private readonly string _activationId = Guid.NewGuid().ToString("N");
    private int _timerTicks;

    public async Task WriteAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(note.State.Text);

    public Task ClearAsync() => note.ClearStateAsync();

    public Task RememberAfterAsync(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task ForgetAsync()
    {
        if (await GetReminder(ReminderName) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task<int> GetReminderTicksAsync() => Task.FromResult(note.State.ReminderTicks);

    public Task StartTimerAsync(TimeSpan period)
    {
        RegisterGrainTimer(_ => { _timerTicks++; return Task.CompletedTask; }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> GetTimerTicksAsync() => Task.FromResult(_timerTicks);

    public Task<string> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        note.State.ReminderTicks++;
        await note.WriteStateAsync();
    }
}
