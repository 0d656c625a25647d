// Constant-rate (open-loop) transfers against a running PaySim node, for latency at a given share of peak.
//
//   dotnet PaySim.Rate.dll --url URL --admin-token T --rate R [--seconds 20] [--warmup 5] [--accounts 1000]
//                          [--timeline FILE]
//
// Opens --accounts accounts (批量创建账户, 1,000,000 fen each), then sends 主动转账 between two random of them at R per
// second for --warmup seconds (not counted) and --seconds more. A request is due at its slot on the schedule, not when
// an earlier one answered (wrk's closed loop lets a slow server slow the load, hiding its own latency): the latency
// counted is from the slot to the answer, so a stall shows in every request scheduled during it. At the end: the rate
// achieved, the latency percentiles, and the books (sum of balances before and after, and 对账) — exits 1 if they
// differ, if any request failed, or if the sender fell behind its own schedule by more than 1 %.
//
// --timeline FILE writes every counted request as a CSV line: its slot (ms after the first slot; the header gives the
// first slot's UTC wall-clock time, to line it up with other recorders), its latency in ms and its outcome.
// deploy/load/stalls.py reads it and finds the stretches where the node stopped answering, and their cadence.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 512,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{ BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-PaySim-Admin-Token", options.AdminToken);

var prefix = $"rate{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-";
const long OpeningFen = 1_000_000;
for (var first = 1; first <= options.Accounts; first += 10_000)
{
    var count = Math.Min(10_000, options.Accounts - first + 1);
    var opened = await PostAsync(new { method = "批量创建账户", prefix, first, count, password = "123456", initBalance = OpeningFen });
    if (opened["opened"]?.GetValue<int>() != count)
    {
        return Fail($"could not open accounts {prefix}{first}…: {opened.ToJsonString()}");
    }
}

var before = await SumOfBalancesAsync();
Console.WriteLine($"opened {options.Accounts} accounts ({prefix}*); warming up {options.Warmup} s, then {options.Rate}/s for {options.Seconds} s");
await RunAsync(options.Warmup, record: null);
var latencies = new Latencies();
var run = await RunAsync(options.Seconds, latencies);
if (options.Timeline is { } timelineFile)
{
    await File.WriteAllTextAsync(timelineFile, latencies.Timeline(run.StartedAt));
}

await Task.Delay(1000); // movements whose answer was late still finish before the books are read
var after = await SumOfBalancesAsync();
var reconciliation = await PostAsync(new { method = "对账" });

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"scheduled {run.Scheduled} at {options.Rate}/s, sent {run.Sent} in {run.SendSeconds:F1} s = {run.Sent / run.SendSeconds:F0}/s, behind schedule at most {run.MaxLagMs:F1} ms"));
Console.WriteLine($"outcomes: {run.Succeeded} succeeded, {run.Refused} refused by the rules, {run.Failed} failed (HTTP error or no answer)");
Console.WriteLine(latencies.Summary());
Console.WriteLine($"sum of balances: before {before}, after {after}");
Console.WriteLine($"reconciliation: {reconciliation.ToJsonString()}");

var problems = new List<string>();
if (before != after) problems.Add($"money appeared or vanished: {after - before} fen");
if (reconciliation["ok"]?.GetValue<bool>() != true || reconciliation["inFlightFen"]?.GetValue<long>() != 0) problems.Add("对账 found differences or money in flight");
if (run.Failed > 0) problems.Add($"{run.Failed} requests failed");
if (run.Sent < run.Scheduled * 0.99) problems.Add("the sender could not keep the rate (this machine, not the node, was the limit)");
foreach (var problem in problems) Console.Error.WriteLine($"FAIL: {problem}");
if (problems.Count == 0) Console.WriteLine("constant-rate run passed: money conserved, ledgers reconcile");
return problems.Count == 0 ? 0 : 1;

async Task<RunResult> RunAsync(int seconds, Latencies? record)
{
    var scheduled = (long)options.Rate * seconds;
    var interval = Stopwatch.Frequency / (double)options.Rate;
    var inFlight = new List<Task>();
    var result = new RunResult { Scheduled = scheduled };
    var start = Stopwatch.GetTimestamp();
    result.StartedAt = (start, DateTimeOffset.UtcNow);
    for (long i = 0; i < scheduled; i++)
    {
        var due = start + (long)(i * interval);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }

        result.MaxLagMs = Math.Max(result.MaxLagMs, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        inFlight.Add(TransferAsync(due, record, result));
        result.Sent++;
    }

    result.SendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    await Task.WhenAll(inFlight);
    return result;
}

async Task TransferAsync(long due, Latencies? record, RunResult result)
{
    var source = Random.Shared.Next(1, options.Accounts + 1);
    var target = Random.Shared.Next(1, options.Accounts);
    if (target >= source) target++;
    var body = $$"""{"method":"主动转账","source":"{{prefix}}{{source}}","target":"{{prefix}}{{target}}","sum":{{Random.Shared.Next(1, 501)}},"requestId":"{{Guid.NewGuid():N}}"}""";
    try
    {
        using var response = await http.PostAsync("/PaySim", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var latency = Stopwatch.GetElapsedTime(due);
        var outcome = !response.IsSuccessStatusCode ? Outcome.Failed
            : text.Contains("转账成功", StringComparison.Ordinal) ? Outcome.Succeeded
            : Outcome.Refused;
        record?.Add(due, latency, outcome);
        switch (outcome)
        {
            case Outcome.Succeeded: Interlocked.Increment(ref result.Succeeded); break;
            case Outcome.Refused: Interlocked.Increment(ref result.Refused); break;
            default: Interlocked.Increment(ref result.Failed); break;
        }
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
    {
        record?.Add(due, Stopwatch.GetElapsedTime(due), Outcome.Failed);
        Interlocked.Increment(ref result.Failed);
    }
}

async Task<long> SumOfBalancesAsync()
{
    long sum = 0;
    for (var k = 1; k <= options.Accounts; k++)
    {
        var account = await PostAsync(new { method = "查询账户信息", username = $"{prefix}{k}" });
        sum += account["accountBalance"]!.GetValue<long>();
    }

    return sum;
}

async Task<JsonNode> PostAsync(object body)
{
    using var response = await http.PostAsJsonAsync("/PaySim", body);
    return JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();
}

static int Fail(string message)
{
    Console.Error.WriteLine($"FAIL: {message}");
    return 1;
}

enum Outcome { Succeeded, Refused, Failed }

sealed class RunResult
{
    /// <summary>The first slot: its Stopwatch timestamp and the wall-clock time then.</summary>
    public (long Timestamp, DateTimeOffset Utc) StartedAt;
    public long Scheduled;
    public long Sent;
    public double SendSeconds;
    public double MaxLagMs;
    public long Succeeded;
    public long Refused;
    public long Failed;
}

/// <summary>Latencies in microseconds, kept whole (a 20 s run at a few thousand per second is well under a million).</summary>
sealed class Latencies
{
    private readonly List<long> _micros = [];
    private readonly List<(long Due, long Micros, Outcome Outcome)> _requests = [];

    public void Add(long due, TimeSpan latency, Outcome outcome)
    {
        var micros = (long)latency.TotalMicroseconds;
        lock (_micros)
        {
            _micros.Add(micros);
            _requests.Add((due, micros, outcome));
        }
    }

    /// <summary>One CSV line per request, in the order of their slots.</summary>
    public string Timeline((long Timestamp, DateTimeOffset Utc) start)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# first slot at {start.Utc:O}\nslot_ms,latency_ms,outcome\n");
        lock (_micros)
        {
            foreach (var (due, micros, outcome) in _requests.OrderBy(request => request.Due))
            {
                var slotMs = Stopwatch.GetElapsedTime(start.Timestamp, due).TotalMilliseconds;
                text.Append(CultureInfo.InvariantCulture, $"{slotMs:F3},{micros / 1000.0:F3},{outcome.ToString().ToLowerInvariant()}\n");
            }
        }

        return text.ToString();
    }

    public string Summary()
    {
        lock (_micros)
        {
            if (_micros.Count == 0) return "latency ms: none recorded";
            _micros.Sort();
            string At(double quantile) => (_micros[Math.Min(_micros.Count - 1, (int)(quantile * _micros.Count))] / 1000.0).ToString("F2", CultureInfo.InvariantCulture);
            return $"latency ms (from each request's scheduled start): p50 {At(0.50)}  p90 {At(0.90)}  p99 {At(0.99)}  p99.9 {At(0.999)}  max {At(1.0)}";
        }
    }
}

sealed record Options(string Url, string AdminToken, int Rate, int Seconds, int Warmup, int Accounts, string? Timeline)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1]
                : fallback ?? throw new ArgumentException($"{name} is required (see the head of Program.cs)");
        }

        var options = new Options(Value("--url"), Value("--admin-token"), int.Parse(Value("--rate"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds", "20"), CultureInfo.InvariantCulture), int.Parse(Value("--warmup", "5"), CultureInfo.InvariantCulture),
            int.Parse(Value("--accounts", "1000"), CultureInfo.InvariantCulture),
            Array.IndexOf(args, "--timeline") >= 0 ? Value("--timeline") : null);
        if (options.Rate < 1 || options.Seconds < 1 || options.Warmup < 0 || options.Accounts < 2)
        {
            throw new ArgumentException("--rate and --seconds must be at least 1, --accounts at least 2");
        }

        return options;
    }
}
