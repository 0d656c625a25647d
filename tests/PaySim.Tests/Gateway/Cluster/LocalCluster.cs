using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// A cluster run by <c>deploy/cluster/local-cluster.sh</c>, the operators' script, so a test exercises the script as
/// well as the cluster: its own state folder, ports beside any cluster on the usual ones
/// (<c>PAYSIM_CLUSTER_PORT_BASE</c>), and the Silo and Gateway dlls this test build has just produced
/// (<c>PAYSIM_CLUSTER_SILO_DLL</c>/<c>GATEWAY_DLL</c>), so the script builds nothing. Disposing stops the cluster.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeoutMax = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan SiloCommandTimeoutMax = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeoutMax = TimeSpan.FromSeconds(120);

    /// <summary>Port bases are tried from here in steps of 400 (the script's four ranges), below the kernel's ephemeral ports and clear of the script's usual ports.</summary>
    private const int PortBaseLowest = 21000;
    private const int PortBaseStep = 400;
    private const int PortBaseChoiceCount = 27;

    private readonly string _script;
    private readonly Dictionary<string, string> _environment;
    private bool _started;

    private LocalCluster(string repository, Dictionary<string, string> environment, int portBase)
    {
        _script = Path.Combine(repository, "deploy", "cluster", "local-cluster.sh");
        _environment = environment;
        PortBase = portBase;
    }

    public int PortBase { get; }

    public string StateDirectory => _environment["PAYSIM_CLUSTER_DIR"];

    /// <summary>Gateway K (1-based), as the script places it.</summary>
    public Uri GatewayAddress(int gateway) => new($"http://127.0.0.1:{PortBase + 200 + gateway}");

    /// <summary>Starts <paramref name="silos"/> silos and <paramref name="gateways"/> gateways on <paramref name="connectionString"/>'s database.</summary>
    public static async Task<LocalCluster> StartAsync(
        string connectionString, int silos, int gateways, IReadOnlyDictionary<string, string> settings)
    {
        var repository = RepositoryDirectory();
        var (siloDll, gatewayDll) = BuiltDlls(repository);
        var environment = new Dictionary<string, string>(settings)
        {
            ["PAYSIM_CLUSTER_DIR"] = Path.Combine(Path.GetTempPath(), "paysim-local-cluster-tests", Guid.NewGuid().ToString("N")),
            ["PAYSIM_CLUSTER_SILO_DLL"] = siloDll,
            ["PAYSIM_CLUSTER_GATEWAY_DLL"] = gatewayDll,
            // A killed silo must not leave a core dump behind.
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        var portBase = FreePortBase(silos, gateways);
        environment["PAYSIM_CLUSTER_PORT_BASE"] = portBase.ToString(CultureInfo.InvariantCulture);
        var cluster = new LocalCluster(repository, environment, portBase);
        try
        {
            cluster._started = true;
            await cluster.RunAsync(StartTimeoutMax, "start", "--silos", $"{silos}", "--gateways", $"{gateways}", "--postgres", connectionString);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of silo K: a crash.</summary>
    public Task KillSiloAsync(int silo) => RunAsync(SiloCommandTimeoutMax, "kill-silo", $"{silo}");

    /// <summary>Graceful stop of silo K, then the same silo again, until it is Active.</summary>
    public Task RestartSiloAsync(int silo) => RunAsync(SiloCommandTimeoutMax, "restart-silo", $"{silo}");

    /// <summary>The last lines of every process's log, for failure messages.</summary>
    public string LogTails(int lineCount = 40)
    {
        var text = new StringBuilder();
        foreach (var log in Directory.Exists(StateDirectory) ? Directory.GetFiles(StateDirectory, "*.log").Order().ToArray() : [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"---- {Path.GetFileName(log)}");
            foreach (var line in File.ReadLines(log).TakeLast(lineCount))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        // A start that failed before it saved its state has nothing to stop.
        if (_started && File.Exists(Path.Combine(StateDirectory, "cluster.env")))
        {
            _started = false;
            await RunAsync(StopTimeoutMax, "stop");
        }

        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private async Task RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The cluster gets only the settings given here: none of this process's PaySim settings or crash points.
        foreach (var inherited in start.Environment.Keys.Where(IsPaySimSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new OutputTail();
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {arguments[0]} did not end within {timeout.TotalSeconds} s:\n{output}\n{LogTails()}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {arguments[0]} failed with exit code {process.ExitCode}:\n{output}\n{LogTails()}");
        }
    }

    private static bool IsPaySimSetting(string name) =>
        name.StartsWith("PaySim__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("PAYSIM_CLUSTER_", StringComparison.OrdinalIgnoreCase)
        || name.Equals(PaySim.Grains.CrashPoints.EnvironmentVariable, StringComparison.OrdinalIgnoreCase);

    /// <summary>The checkout this test runs from: the folder above the test output that holds PaySim.sln.</summary>
    private static string RepositoryDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PaySim.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No PaySim.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The Silo and Gateway dlls of this build: the test project references both, so building it (as <c>dotnet test</c>
    /// does, in any configuration) builds them into their own bin folders, under the test's configuration and framework.
    /// </summary>
    private static (string Silo, string Gateway) BuiltDlls(string repository)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var silo = Path.Combine(repository, "Silo", "bin", configuration, framework, "PaySim.Silo.dll");
        var gateway = Path.Combine(repository, "Gateway", "bin", configuration, framework, "PaySim.Gateway.dll");
        if (!File.Exists(silo) || !File.Exists(gateway))
        {
            throw new InvalidOperationException($"The referenced builds are missing: {silo}, {gateway}. Build the solution first.");
        }

        return (silo, gateway);
    }

    /// <summary>A port base whose silo, silo-gateway, silo metrics and HTTP ports are all free now.</summary>
    private static int FreePortBase(int silos, int gateways)
    {
        foreach (var choice in Enumerable.Range(0, PortBaseChoiceCount).OrderBy(_ => Random.Shared.Next()))
        {
            var portBase = PortBaseLowest + choice * PortBaseStep;
            var ports = Enumerable.Range(1, silos).SelectMany(k => new[] { portBase + k, portBase + 100 + k, portBase + 300 + k })
                .Concat(Enumerable.Range(1, gateways).Select(k => portBase + 200 + k));
            if (ports.All(IsFree))
            {
                return portBase;
            }
        }

        throw new InvalidOperationException("No free port base for a local cluster.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
