namespace PaySim.Silo.Hosting;

/// <summary>How console log lines are written.</summary>
public enum LogFormat
{
    /// <summary>.NET's plain console lines, for a person at a terminal.</summary>
    Text,

    /// <summary>One JSON object per line, with the scopes (TraceId, SpanId, the request's path), for a log collector.</summary>
    Json,
}
