namespace PaySim.Silo.Hosting;

/// <summary>
/// PaySim's log settings, read by the gateway and the silo alike. Bound from <c>PaySim:Logging</c>, so an operator sets
/// them by environment variable: <c>PaySim__Logging__Format=Json</c>. Levels stay .NET's own (<c>Logging:LogLevel</c>).
/// </summary>
public sealed class LoggingSettings
{
    public const string SectionName = "PaySim:Logging";

    /// <summary>The console's line format.</summary>
    public LogFormat Format { get; set; } = LogFormat.Text;

    /// <summary>
    /// Carry the trace of each call into the grains it reaches (Orleans' activity propagation), so a grain's log lines
    /// hold the TraceId of the gateway request that caused them. Off saves two small objects per grain call.
    /// </summary>
    public bool TraceGrainCalls { get; set; } = true;
}
