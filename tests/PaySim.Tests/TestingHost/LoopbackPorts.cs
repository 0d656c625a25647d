using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// Free loopback ports, so that gateways started by tests running in parallel (each co-hosting a silo) never share
/// Orleans' default silo and gateway ports.
/// </summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Configuration that puts a co-hosted silo on free ports.</summary>
    public static Dictionary<string, string> SiloSettings() => new()
    {
        ["PaySim:Cluster:SiloPort"] = Free().ToString(CultureInfo.InvariantCulture),
        ["PaySim:Cluster:GatewayPort"] = Free().ToString(CultureInfo.InvariantCulture),
    };
}
