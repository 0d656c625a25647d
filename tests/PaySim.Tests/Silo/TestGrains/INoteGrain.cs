using PaySim.Runtime;

namespace PaySim.Tests.Silo.TestGrains;

public interface INoteGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<string?> ReadAsync();

    Task ClearAsync();

    Task RememberAfterAsync(TimeSpan dueTime, TimeSpan period);

    Task ForgetAsync();

    Task<int> GetReminderTicksAsync();

    Task StartTimerAsync(TimeSpan period);

    Task<int> GetTimerTicksAsync();

    Task<string> GetActivationIdAsync();

    Task DeactivateAsync();
}
