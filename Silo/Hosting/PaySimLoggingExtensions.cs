using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PaySim.Silo.Hosting;

/// <summary>The console format and trace ids of PaySim's log lines, the same on the gateway and on a silo.</summary>
public static class PaySimLoggingExtensions
{
    /// <summary>ISO 8601 in UTC with milliseconds: sorts as text and needs no time zone to read.</summary>
    public const string JsonTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>
    /// Applies <see cref="LoggingSettings.Format"/> and puts the current trace (TraceId, SpanId, ParentId) into every
    /// line's scopes. JSON lines include the scopes; text lines do not, as they would double every line's height.
    /// </summary>
    public static ILoggingBuilder AddPaySimLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = ReadSettings(configuration);
        logging.Configure(factory => factory.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (settings.Format == LogFormat.Json)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Json);
            logging.Services.Configure<JsonConsoleFormatterOptions>(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = JsonTimestampFormat;
                // Account names and messages are often Chinese: kept readable rather than escaped as \uXXXX. Lines are
                // never embedded in HTML, so HTML-safe escaping buys nothing here.
                json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        return logging;
    }

    /// <summary>The settings of <c>PaySim:Logging</c>, defaults where unset.</summary>
    public static LoggingSettings ReadSettings(IConfiguration configuration) =>
        configuration.GetSection(LoggingSettings.SectionName).Get<LoggingSettings>() ?? new LoggingSettings();
}
