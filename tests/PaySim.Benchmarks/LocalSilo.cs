using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaySim.Benchmarks;

/// <summary>One Orleans silo in this process on localhost clustering, shared by the modes that need a silo.</summary>
internal static class LocalSilo
{
    /// <summary>
    /// Builds (not starts) a host with one silo on free loopback ports: the fixed defaults (11111, 30000) may be
    /// taken by another silo on the machine. <paramref name="configure"/> adds the mode's own providers.
    /// </summary>
    public static IHost Build(Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole();
        // Its first check after start-up reports a stall of the machine's uptime (a spurious "26 minutes"), which
        // would read as a finding in every run's output; real stalls show in the figures themselves.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        var (siloPort, gatewayPort) = (FreeLoopbackPort(), FreeLoopbackPort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "paysim-bench", clusterId: $"bench-{Guid.NewGuid():N}");
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
