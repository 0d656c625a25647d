namespace PaySim.Gateway.Logging;

/// <summary>
/// Keeps request query strings out of the logs. ASP.NET Core's hosting writes each request's URL, query string
/// included, in its "Request starting" and "Request finished" lines (Information), and seed 001's <c>sign=</c> and seed
/// 002's <c>key=</c> travel in query strings: a signature in a log line could be replayed (seed 002's status and balance
/// keys never expire). Those lines are held below Warning whatever the settings say, as the last rule of every
/// provider that has rules of its own; the request's path and TraceId are still in the scope of every other line.
/// </summary>
public static class QueryStringLogGuard
{
    /// <summary>The category of ASP.NET Core's per-request lines.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder KeepQueryStringsOutOfLogs(this ILoggingBuilder logging)
    {
        logging.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            // A rule naming a provider beats any rule that names none, so each named provider gets its own rule too.
            var providers = filters.Rules.Select(rule => rule.ProviderName).Where(name => name is not null).Distinct().ToList();
            foreach (var provider in providers.Prepend(null))
            {
                filters.Rules.Add(new LoggerFilterRule(provider, HostingDiagnosticsCategory, LogLevel.Warning, filter: null));
            }
        });
        return logging;
    }
}
