using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Security;
using PaySim.Silo.Storage;
using PaySim.Tests.Gateway.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>
/// No password, admin token, merchant key or token, signature, payer code or password hash reaches a log line, at any
/// level and in any category (ASP.NET Core's and Orleans' included), in messages, values, scopes or exceptions.
/// </summary>
public sealed class NoSecretsInLogsTests
{
    private const string AdminToken = "admin-Token-secret-5e2b7c91d3";

    /// <summary>The merchant secrets' encryption key, a setting: 32 bytes no other test uses.</summary>
    private static readonly string s_merchantSecretKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(index => (byte)(index * 7))]);

    [Fact]
    public async Task EveryMethodAndEndpoint_WithTheSecretsTheyCarry_LogsNoneOfThem_AtAnyLevel()
    {
        var logs = new CapturedLogs();
        var endpointsHit = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var backend = await MerchantBackendStandIn.StartAsync();
        await using var host = await MerchantGatewayHost.StartAsync(
            StorageProviderKind.Sqlite,
            settings: new Dictionary<string, string?>
            {
                [AdminCredential.ConfigurationKey] = AdminToken,
                ["PaySim:Merchant:SecretKey"] = s_merchantSecretKey,
            },
            configure: builder =>
            {
                CaptureEveryLevel(builder, logs);
                builder.Services.AddSingleton<IStartupFilter>(new EndpointRecorder(endpointsHit));
            });
        var traffic = new SecretBearingTraffic(host, backend, AdminToken);

        await traffic.RunAsync();

        // Driven from the gateway's own tables: a method or endpoint added later fails here until this test covers it.
        Assert.Equal(PaySimApi.MethodNames.Order(StringComparer.Ordinal), traffic.Methods.Order(StringComparer.Ordinal));
        Assert.Empty(EndpointNames(host.App).Except(endpointsHit.Keys));
        var lines = logs.Lines;
        // The capture saw every level, of the runtime's categories too: otherwise finding nothing would prove nothing.
        Assert.Contains(lines, line => line.Level == LogLevel.Trace && line.Category.StartsWith("Orleans", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Category.StartsWith("PaySim.Grains", StringComparison.Ordinal));

        var secrets = traffic.Secrets.Concat(await PasswordHashPartsAsync(host, traffic.Accounts)).Append(s_merchantSecretKey).ToList();
        Assert.True(secrets.Count >= 20, $"only {secrets.Count} secrets were collected");
        var leaks = lines
            .SelectMany(line => secrets.Where(secret => line.FullText().Contains(secret, StringComparison.Ordinal)).Select(secret => (Secret: secret, Line: line)))
            .ToList();
        var leaked = leaks.GroupBy(leak => leak.Secret).Select(group => $"{group.Key}: {group.Count()} line(s), first: {group.First().Line}");
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks in {lines.Count} lines:\n" + string.Join("\n", leaked)
            + "\n--- the first line in full:\n" + leaks.FirstOrDefault().Line?.FullText());
    }

    /// <summary>Replaces the host's providers with <paramref name="logs"/> and lets every level of every category through.</summary>
    private static void CaptureEveryLevel(WebApplicationBuilder builder, CapturedLogs logs)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            filters.Rules.Clear();
            filters.MinLevel = LogLevel.Trace;
        });
    }

    /// <summary>The password hashes the store holds for <paramref name="usernames"/>, whole and by part (salt, hash).</summary>
    private static async Task<IEnumerable<string>> PasswordHashPartsAsync(MerchantGatewayHost host, IEnumerable<string> usernames)
    {
        var store = host.App.Services.GetRequiredService<IStorageProvider>().GrainStateStore;
        var parts = new List<string>();
        foreach (var username in usernames)
        {
            var record = await store.ReadStateAsync(new StoredGrainId("account", username), "account", CancellationToken.None);
            using var state = JsonDocument.Parse(record!.Payload!);
            var hash = state.RootElement.GetProperty("PasswordHash").GetString()!;
            parts.Add(hash);
            parts.AddRange(hash.Split('$')[2..]);
        }

        return parts;
    }

    private static IEnumerable<string> EndpointNames(WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().Select(Name);

    private static string Name(RouteEndpoint endpoint) =>
        string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []) + " " + endpoint.RoutePattern.RawText;

    /// <summary>Records the endpoint each request reached, in front of the gateway's own pipeline.</summary>
    private sealed class EndpointRecorder(ConcurrentDictionary<string, bool> hit) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                if (context.GetEndpoint() is RouteEndpoint endpoint)
                {
                    hit[Name(endpoint)] = true;
                }
            });
            next(app);
        };
    }
}
