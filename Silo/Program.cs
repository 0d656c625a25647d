using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using PaySim.Silo.Hosting;

namespace PaySim.Silo;

/// <summary>
/// One silo of a PaySim cluster: Orleans with PaySim's grains, stores and reminders, configured from appsettings.json,
/// environment variables (PaySim__Cluster__Membership=PostgreSql) or the command line. A gateway in cluster mode
/// (Gateway/, PaySim:Cluster:Membership=PostgreSql) forwards HTTP requests to the silos.
/// </summary>
public static class SiloProgram
{
    public static int Main(string[] args) => HostStart.Run(() => Build(args));

    /// <summary>The silo host, built as <see cref="Main"/> runs it; tests start exactly this, with settings as arguments.</summary>
    public static IHost Build(string[] args)
    {
        // A web host, for the scrape port of /metrics; without PaySim:Metrics:Port it serves no HTTP at all.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddPaySimLogFormat(builder.Configuration);
        builder.UseOrleans(silo => silo.UsePaySim(builder.Configuration));
        builder.AddPaySimSiloMetrics();
        var app = builder.Build();
        app.MapPaySimSiloMetrics();
        return app;
    }
}
