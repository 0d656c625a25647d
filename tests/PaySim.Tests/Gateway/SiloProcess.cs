using System.Diagnostics;
using System.Globalization;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>
/// One silo as a child process (<c>dotnet exec PaySim.Silo.dll</c> from the test output folder, where the project
/// reference puts it) on free loopback ports: for tests that SIGKILL a silo for real. It gets this process's environment without
/// any PaySim setting, plus <c>environment</c>; its last output lines go into failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output = new();

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    /// <summary>The silo-to-silo port: with the loopback address, the silo's row in the membership table.</summary>
    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string Output => _output.ToString();

    /// <summary>Starts the process; it has joined the cluster once its membership row is active (the caller waits for that).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var siloPort = LoopbackPorts.Free();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test output folder resolves Orleans' ASP.NET Core connection abstractions from the ASP.NET Core shared
        // framework, which only the gateway's runtime configuration names; the gateway's dependencies include the silo's.
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaySim.Gateway.runtimeconfig.json"));
        start.ArgumentList.Add("--depsfile");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaySim.Gateway.deps.json"));
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaySim.Silo.dll"));
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("PaySim__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        // A killed silo must not leave a core dump behind; warnings are enough for failure messages.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["PaySim__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["PaySim__Cluster__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var silo = new SiloProcess(new Process { StartInfo = start }, siloPort);
        silo._process.OutputDataReceived += (_, line) => silo._output.Add(line.Data);
        silo._process.ErrorDataReceived += (_, line) => silo._output.Add(line.Data);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster or to answer what it holds.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(GatewayProcess.ExitTimeoutMax);
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }
}
