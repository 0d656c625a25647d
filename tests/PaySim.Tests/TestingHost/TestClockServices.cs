using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace PaySim.Tests.TestingHost;

/// <summary>Installs a test clock the way Orleans' keyed time providers allow it.</summary>
public static class TestClockServices
{
    /// <summary>
    /// Grains, grain timers and reminders read <paramref name="clock"/>; membership, messaging and the silo's other
    /// background loops keep real time, so advancing a fake clock never stalls or hurries the cluster itself.
    /// </summary>
    public static IServiceCollection AddTestClock(this IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, (provider, _) => provider.GetRequiredService<TimeProvider>());
        return services;
    }
}
