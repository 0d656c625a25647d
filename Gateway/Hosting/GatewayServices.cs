using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PaySim.Gateway.Merchant;
using PaySim.Gateway.Reconciliation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaySim.Gateway.Security;
using PaySim.Grains;
using PaySim.Grains.Accounts;
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
        services.AddPaySimSilo(builder.Configuration.GetSection("PaySim"), typeof(AccountGrain).Assembly);
        services.AddOptions<MoneyRecoveryOptions>().Bind(builder.Configuration.GetSection(MoneyRecoveryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MoneyRecoveryOptions>, MoneyRecoveryOptionsValidator>());

        // Hosted services start in registration order, so the seeder runs once the silo (registered above) is up.
        services.AddHostedService<TestAccountSeeder>();
        services.AddSingleton<AdminCredential>();
        services.AddSingleton<LedgerScan>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails();
        services.AddMerchantGateway(builder.Configuration);

        services.ConfigureHttpJsonOptions(options =>
        {
            // The seed's clients read Chinese result strings: send them as UTF-8 text, not \u escapes.
            options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            // Each method answers only the fields of its seed table.
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }
}
