using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using PaySim.Grains.Interfaces;
using PaySim.Silo;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Observability;

/// <summary>
/// The standalone silo's /metrics as <see cref="SiloProgram.Build"/> makes it: with <c>PaySim:Metrics:Port</c> set it
/// opens that port and serves Orleans' and PaySim's series; without it, no exporter runs. Alone in the process, as
/// <see cref="PaySim.Tests.Gateway.Observability.MetricsEndpointCollection"/> says why.
/// </summary>
[Collection(SiloMetricsCollection.Name)]
public sealed class SiloMetricsTests
{
    [Fact]
    public async Task StandaloneSilo_WithAMetricsPort_ServesOrleansAndPaySimSeries_CountingItsMovements()
    {
        var metricsPort = LoopbackPorts.Free();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-silo-tests", Guid.NewGuid().ToString("N"));
        using var host = SiloProgram.Build([.. SiloArguments(dataDirectory), $"--PaySim:Metrics:Port={metricsPort.ToString(CultureInfo.InvariantCulture)}"]);
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
            var before = new PrometheusText(await http.GetStringAsync("/metrics"));
            var grains = host.Services.GetRequiredService<IGrainFactory>();

            // A deposit to an account nobody opened: refused, and counted so on this silo, where the grain ran.
            var result = await grains.GetGrain<IAccountGrain>("nobody-" + Guid.NewGuid().ToString("N")).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 100, RequestId: null));
            Assert.Equal(AccountResult.NoSuchAccount, result);

            string[] refusedDeposits = ["kind=\"deposit\"", "outcome=\"refused\""];
            var after = await Eventually.HoldsAsync(
                async () => new PrometheusText(await http.GetStringAsync("/metrics")),
                scrape => scrape.Sum("paysim_movements_total", refusedDeposits) >= before.Sum("paysim_movements_total", refusedDeposits) + 1
                    && scrape.HasSeriesStartingWith("paysim_money_in_flight_movements"),
                "the refused deposit and the store's gauges on the silo's /metrics");
            Assert.True(after.HasSeriesStartingWith("orleans_"), "no orleans_ series");
            // ASP.NET Core's, for the scrapes before this one: the silo serves /metrics with Kestrel.
            Assert.True(after.HasSeriesStartingWith("http_server_request_duration_seconds"), "no http_server_ series");
            Assert.Equal(0, after.Sum("paysim_money_in_flight_movements"));
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task StandaloneSilo_WithoutAMetricsPort_RunsNoExporter()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-silo-tests", Guid.NewGuid().ToString("N"));
        using var host = SiloProgram.Build(SiloArguments(dataDirectory));
        await host.StartAsync();
        try
        {
            Assert.Empty(host.Services.GetServices<OpenTelemetry.Metrics.MeterProvider>());
            // Nor any HTTP port: the silo is a web host only to serve a configured scrape port.
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            Assert.Empty(addresses?.Addresses ?? []);
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static string[] SiloArguments(string dataDirectory)
    {
        var ports = LoopbackPorts.SiloSettings();
        return
        [
            "--PaySim:Storage:Provider=Memory",
            $"--PaySim:Storage:DataDirectory={dataDirectory}",
            $"--PaySim:Cluster:SiloPort={ports["PaySim:Cluster:SiloPort"]}",
            $"--PaySim:Cluster:GatewayPort={ports["PaySim:Cluster:GatewayPort"]}",
            "--Logging:LogLevel:Default=Warning",
        ];
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloMetricsCollection
{
    public const string Name = "standalone silo /metrics (alone in the process)";
}
