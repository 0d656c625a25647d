using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using PaySim.Gateway.Security;

using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>
/// The real gateway as a child process (<c>dotnet PaySim.Gateway.dll</c> from the test output folder, where the project
/// reference puts it) on a free loopback port: for tests that need a process to die for real. The process gets this
/// process's environment without any PaySim setting, plus <c>environment</c>; its last output lines go into failure
/// messages. Disposing kills it if it still runs.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    /// <summary>Bounds a start, a wait for exit and one HTTP request: a stuck child fails the test instead of hanging it.</summary>
    public static readonly TimeSpan StartTimeoutMax = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan ExitTimeoutMax = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RequestTimeoutMax = TimeSpan.FromSeconds(30);

    /// <summary>Starts tried when the child finds a port taken that was free when chosen.</summary>
    private const int StartAttemptsMax = 3;

    private static readonly TimeSpan s_healthPollStep = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly OutputTail _output = new();

    private GatewayProcess(ProcessStartInfo start, Uri baseAddress)
    {
        _process = new Process { StartInfo = start };
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeoutMax };
    }

    public HttpClient Client { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string Output => _output.ToString();

    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            var gateway = new GatewayProcess(StartInfo(environment, out var baseAddress), baseAddress);
            gateway.Start();
            try
            {
                await gateway.WaitUntilHealthyAsync();
                return gateway;
            }
            catch (InvalidOperationException) when (attempt < StartAttemptsMax && gateway.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A port found free was taken before the child bound it (an outgoing connection's ephemeral port, a
                // test running beside this one): start again on other ports.
                await gateway.DisposeAsync();
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, out Uri baseAddress)
    {
        baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaySim.Gateway.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString());
        foreach (var inherited in start.Environment.Keys.Where(IsPaySimSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        // A test crash must not leave a core dump behind.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        foreach (var (key, value) in LoopbackPorts.SiloSettings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>True once the process has exited, false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>POST /PaySim with a JSON body, with the admin token header when given.</summary>
    public async Task<PaySimResponse> PostAsync(object body, string? adminToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim") { Content = JsonContent.Create(body) };
        if (adminToken is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, adminToken);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new PaySimResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(ExitTimeoutMax);
        }

        _process.Dispose();
    }

    private static bool IsPaySimSetting(string name) =>
        name.StartsWith("PaySim__", StringComparison.OrdinalIgnoreCase)
        || name.Equals(PaySim.Grains.CrashPoints.EnvironmentVariable, StringComparison.OrdinalIgnoreCase);

    private void Start()
    {
        _process.OutputDataReceived += (_, line) => _output.Add(line.Data);
        _process.ErrorDataReceived += (_, line) => _output.Add(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeoutMax)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(s_healthPollStep);
        }

        throw new TimeoutException($"The gateway did not answer /health within {StartTimeoutMax.TotalSeconds} s:\n{Output}");
    }
}
