using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaySim.Runtime;
using PaySim.Silo.Hosting;

namespace PaySim.Benchmarks;

/// <summary>
/// In-memory local grain calls per second through the full call path (reference → invoker → catalog → turn
/// queue → compiled method invoker), with no storage: N callers each calling their own grain in a loop, and N
/// callers all calling one grain (which the runtime serialises).
/// </summary>
internal static class GrainCallsBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var callerCount = arguments.Integer("callers", 64);
        var duration = TimeSpan.FromSeconds(arguments.Number("seconds", 3));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["PaySim:Storage:Provider"] = "Memory";
        builder.Services.AddPaySimSilo(builder.Configuration.GetSection("PaySim"), typeof(BenchGrain).Assembly);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        Console.WriteLine($"calls: {callerCount} callers x {duration.TotalSeconds:0.#} s, in-memory local grain calls");
        await MeasureAsync("warm-up", callerCount, TimeSpan.FromSeconds(1), caller => grains.GetGrain<IBenchGrain>($"warm{caller}"), print: false);
        await MeasureAsync("one grain per caller", callerCount, duration, caller => grains.GetGrain<IBenchGrain>($"g{caller}"), print: true);
        await MeasureAsync("all callers, one grain", callerCount, duration, _ => grains.GetGrain<IBenchGrain>("hot"), print: true);
        await host.StopAsync();
        return 0;
    }

    private static async Task MeasureAsync(string scenario, int callerCount, TimeSpan duration, Func<int, IBenchGrain> grainOf, bool print)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callerCount).Select(caller => Task.Run(async () =>
        {
            var grain = grainOf(caller);
            long calls = 0;
            while (stopwatch.Elapsed < duration)
            {
                await grain.AddAsync(1);
                calls++;
            }

            return calls;
        })));
        var total = counts.Sum();
        if (print)
        {
            Console.WriteLine($"  {scenario,-24} {total / stopwatch.Elapsed.TotalSeconds,12:N0} calls/s  ({total:N0} calls)");
        }
    }
}
