using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace PaySim.Benchmarks;

/// <summary>
/// In-memory grain calls per second through Orleans with no storage, from inside the silo's process: N callers in
/// a closed loop each calling their own grain, then N callers all calling one grain (which Orleans serialises).
/// <c>--dashboard on</c> adds Orleans' dashboard as silos run it (its call filter idle: nobody watches),
/// <c>--dashboard watched</c> with its profiler timing every call (as while a dashboard page is open).
/// </summary>
internal static class GrainCallsBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var callerCount = arguments.Integer("callers", 64);
        var duration = TimeSpan.FromSeconds(arguments.Number("seconds", 3));
        var dashboard = arguments.Text("dashboard") ?? "off";
        using var host = LocalSilo.Build(silo => AddDashboard(silo, dashboard));
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        Console.WriteLine($"calls: {callerCount} callers x {duration.TotalSeconds:0.#} s, Orleans in-memory grain calls, one silo in process, dashboard {dashboard}");
        // Activates the grains and warms the call path up, so activation cost stays out of the figures.
        await MeasureAsync("warm-up", callerCount, TimeSpan.FromSeconds(1), caller => grains.GetGrain<IBenchGrain>(caller), print: false);
        await MeasureAsync("one grain per caller", callerCount, duration, caller => grains.GetGrain<IBenchGrain>(caller), print: true);
        await MeasureAsync("all callers, one grain", callerCount, duration, _ => grains.GetGrain<IBenchGrain>(-1), print: true);
        await host.StopAsync();
        return 0;
    }

    private static void AddDashboard(ISiloBuilder silo, string mode)
    {
        switch (mode)
        {
            case "off":
                return;
            case "on":
                silo.AddDashboard();
                return;
            case "watched":
                silo.AddDashboard();
                silo.Services.Configure<GrainProfilerOptions>(profiler => profiler.TraceAlways = true);
                return;
            default:
                throw new ArgumentException($"--dashboard is off, on or watched, not '{mode}'.");
        }
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
        var elapsed = stopwatch.Elapsed;
        var total = counts.Sum();
        if (print)
        {
            Console.WriteLine($"  {scenario,-24} {total / elapsed.TotalSeconds,12:N0} calls/s  ({total:N0} calls)");
        }
    }
}
