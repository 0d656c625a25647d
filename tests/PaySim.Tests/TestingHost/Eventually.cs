namespace PaySim.Tests.TestingHost;

/// <summary>
/// Waits for something the runtime does in the background (a reminder delivered, an activation collected) after a
/// test moved the fake clock. It polls a condition on the real clock with a bound; it never waits for a fixed time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan TimeoutDefault = TimeSpan.FromSeconds(20);

    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeoutDefault);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {(timeout ?? TimeoutDefault).TotalSeconds} s: {what} (last value: {value}).");
            }

            await Task.Delay(10);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), held => held, what, timeout);
}
