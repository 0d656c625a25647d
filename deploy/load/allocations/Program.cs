// Reads a .nettrace holding the runtime's GC AllocationTick events (one about every 100 KB allocated, with the
// allocating stack) and prints the sampled bytes by type, by allocating site (the innermost frame outside System.*)
// and by type and site together.
//
//   dotnet PaySim.Allocations.dll TRACE.nettrace [--top 25]
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: PaySim.Allocations TRACE.nettrace [--top N]");
    return 2;
}

var top = args.Length >= 3 && args[1] == "--top" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 25;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var bySite = new Dictionary<string, long>();
var byTypeAndSite = new Dictionary<string, long>();
long total = 0;
foreach (var traceEvent in log.Events)
{
    if (traceEvent is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    var bytes = tick.AllocationAmount64;
    var type = tick.TypeName ?? "?";
    var site = SiteOf(traceEvent.CallStack());
    total += bytes;
    Add(byType, type, bytes);
    Add(bySite, site, bytes);
    Add(byTypeAndSite, $"{type}  <=  {site}", bytes);
}

Console.WriteLine($"sampled allocations: {total / 1e6:F1} MB");
Print("by type", byType);
Print("by allocating site (innermost frame outside System.*)", bySite);
Print("by type and site", byTypeAndSite);
return 0;

static string SiteOf(TraceCallStack? stack)
{
    string? innermost = null;
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var method = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(method))
        {
            continue;
        }

        innermost ??= method;
        if (!method.StartsWith("System.", StringComparison.Ordinal) && !method.StartsWith("Interop", StringComparison.Ordinal))
        {
            return Shorten(method);
        }
    }

    return Shorten(innermost ?? "?");
}

static string Shorten(string method) => method.Split('(')[0];

static void Add(Dictionary<string, long> totals, string key, long bytes) =>
    totals[key] = totals.GetValueOrDefault(key) + bytes;

void Print(string title, Dictionary<string, long> totals)
{
    Console.WriteLine();
    Console.WriteLine(title + ":");
    foreach (var (key, bytes) in totals.OrderByDescending(entry => entry.Value).Take(top))
    {
        Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {key}");
    }
}
