using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Orleans' dashboard (<c>Microsoft.Orleans.Dashboard</c>) on a silo and on a cluster gateway's Orleans client: the
/// silo runs the dashboard's grain (the cluster's counters), a grain service per silo (its runtime statistics) and an
/// incoming grain call filter that times calls while someone watches; a gateway serves the page and its data routes
/// (<c>/dashboard</c>, behind the admin credential) and asks those grains. A single node gets both through
/// <see cref="PaySimSiloBuilderExtensions.UsePaySim"/>.
/// </summary>
public static class PaySimDashboard
{
    public static DashboardSettings ReadSettings(IConfiguration configuration) =>
        configuration.GetSection(DashboardSettings.SectionName).Get<DashboardSettings>() ?? new();

    public static ISiloBuilder AddPaySimDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (ReadSettings(configuration).Enabled)
        {
            silo.AddDashboard(Configure);
        }

        return silo;
    }

    public static IClientBuilder AddPaySimDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        if (ReadSettings(configuration).Enabled)
        {
            client.AddDashboard(Configure);
        }

        return client;
    }

    /// <summary>
    /// The live log stream (<c>/dashboard/Trace</c>) stays off: it would be a second log output beside the console,
    /// in neither of PaySim's formats, that no log setting governs, and on a cluster gateway it shows only the
    /// gateway's own lines anyway. Logs are read where they are written (docs/operations.md, Logs).
    /// </summary>
    private static void Configure(DashboardOptions options) => options.HideTrace = true;
}
