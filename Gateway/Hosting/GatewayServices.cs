using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Logging;
using PaySim.Gateway.Merchant;
using PaySim.Gateway.Observability;
using PaySim.Gateway.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaySim.Gateway.Security;
using Orleans.Configuration;
using Orleans.Hosting;
using PaySim.Silo.Hosting;

namespace PaySim.Gateway.Hosting;

/// <summary>Everything the gateway process hosts: the silo with PaySim's grains, and the edge's own services.</summary>
public static class GatewayServices
{
    /// <summary>The seed's port, on loopback: exposing it further is a deployment decision (--urls or ASPNETCORE_URLS).</summary>
    public const string DefaultUrl = "http://127.0.0.1:20056";

    public static WebApplicationBuilder AddPaySimGateway(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        builder.Logging.AddPaySimLogFormat(builder.Configuration).KeepQueryStringsOutOfLogs();
        builder.AddOrleansRole();

        // Hosted services start in registration order, so the seeder runs once the silo or client (above) is up.
        services.AddHostedService<TestAccountSeeder>();
        // Guesses are counted on real time: a test's fake business clock must not hold a client back for good.
        services.AddSingleton(new AdminGuessLimiter(TimeProvider.System));
        services.AddSingleton<AdminCredential>();
        // Deadlines run on real time, as Orleans' messaging does: a test's fake business clock must not stall them.
        // Scoped: one budget per HTTP request, shared by all its grain calls.
        services.AddScoped(provider => new GrainCalls(TimeProvider.System, provider.GetRequiredService<ILogger<GrainCalls>>()));
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails();
        services.AddMerchantGateway(builder.Configuration);
        builder.AddPaySimMetrics();
        services.AddPaySimOpenApi();
        services.AddPaySimDashboard(builder.Configuration);

        services.ConfigureHttpJsonOptions(options =>
        {
            // The seed's clients read Chinese result strings: send them as UTF-8 text, not \u escapes.
            options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            // Each method answers only the fields of its seed table.
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }

    /// <summary>
    /// With no cluster settings the gateway co-hosts a silo (the one-command single node); with
    /// <c>PaySim:Cluster:Membership=PostgreSql</c> it is a pure Orleans client of the silos in that membership table.
    /// </summary>
    private static void AddOrleansRole(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterMembershipSettings.SectionName).Get<ClusterMembershipSettings>() ?? new();
        if (cluster.Membership == ClusterMembershipKind.Localhost)
        {
            builder.UseOrleans(silo => silo.UsePaySim(builder.Configuration));
            return;
        }

        var connectionString = PaySimSiloBuilderExtensions.MembershipConnectionString(cluster.ConnectionString, builder.Configuration["PaySim:Storage:ConnectionString"]);
        builder.Services.AddOptions<ClusterMembershipSettings>().Bind(builder.Configuration.GetSection(ClusterMembershipSettings.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipSettings>, ClusterMembershipSettingsValidator>());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = PaySimSiloBuilderExtensions.NpgsqlInvariant;
                options.ConnectionString = connectionString;
            });
            // A dead silo leaves the gateway list this soon after membership declared it dead, so new calls stop going to it.
            client.Configure<GatewayOptions>(options =>
                options.GatewayListRefreshPeriod = FailureDetectionProfiles.GatewayListRefreshPeriod(cluster.FailureDetection));
            // Silos and gateways may be started together: wait for the first silo instead of failing the start.
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.AddPaySimGrainCallTracing(builder.Configuration);
            // The dashboard's page asks the silos' dashboard grains; a single node gets both sides through UsePaySim.
            client.AddPaySimDashboard(builder.Configuration);
        });
    }
}
