using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Hosting;
using PaySim.Gateway.Merchant;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using PaySim.Silo.Storage;
using PaySim.Tests.Grains.Merchant;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// The gateway as Program.cs hosts it (silo in-process, every API mapped), on a real port of 127.0.0.1 so that
/// a browser and real HTTP clients reach it, with a fake clock and a fresh store of the kind asked for: a new
/// SQLite file, or a new PostgreSQL database (PAYSIM_TEST_POSTGRES must be set; the tests fail without it).
/// </summary>
public sealed class MerchantGatewayHost : IAsyncDisposable
{
    public const string AdminToken = "admin-token-for-tests";

    private readonly MerchantTestStore _store;

    private MerchantGatewayHost(WebApplication app, FakeTimeProvider clock, string baseUrl, MerchantTestStore store)
    {
        App = app;
        Clock = clock;
        BaseUrl = baseUrl;
        _store = store;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Clock { get; }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<MerchantGatewayHost> StartAsync(
        StorageProviderKind storeKind, FakeTimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        clock ??= new FakeTimeProvider(MerchantTestCluster.Start);
        var store = await MerchantTestStore.CreateAsync(storeKind);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(LoopbackPorts.SiloSettings()!);
        builder.Configuration[AdminCredential.ConfigurationKey] = AdminToken;
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddTestClock(clock);
        configure?.Invoke(builder);
        builder.AddPaySimGateway();
        var app = builder.Build();
        app.MapPaySimGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MerchantGatewayHost(app, clock, address, store);
    }

    /// <summary>Opens the payer and shop accounts and registers a merchant; returns its credentials.</summary>
    public async Task<MerchantCredentials> SeedAsync()
    {
        await MerchantTestCluster.SeedAsync(Grains, "10000000000009");
        return await FufuRequests.RegisterMerchantAsync(Client, AdminToken, "测试商户<b>", MerchantTestCluster.Shop);
    }

    /// <summary>POSTs a seed 001 request signed with <paramref name="key"/> at the fake clock's time (or the given one).</summary>
    public Task<JsonElement> PostFufuAsync(string operation, string body, string key, long? timestampMs = null, string? sign = null) =>
        FufuRequests.PostAsync(Client, operation, body, key, timestampMs ?? Clock.GetUtcNow().ToUnixTimeMilliseconds(), sign);

    /// <summary>
    /// POSTs a seed 001 body given as bytes (which need not be UTF-8), signed over <paramref name="signedText"/>, the
    /// text a client would have signed.
    /// </summary>
    public async Task<JsonElement> PostFufuBytesAsync(string operation, byte[] body, string signedText, string key)
    {
        var sign = FufuSigning.Sign(Clock.GetUtcNow().ToUnixTimeMilliseconds(), key, signedText);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync($"/gateway/pay/{operation}?sign={sign}", content);
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>
    /// Moves the fake clock a second at a time until the notification of <paramref name="notificationKey"/> made its
    /// <paramref name="attempt"/>th attempt, and returns its status then. Steps, not one jump of the retry interval:
    /// the retry timer is armed again only after the previous attempt was stored, which a jump could overtake.
    /// </summary>
    public Task<NotificationStatus?> AdvanceUntilAttemptAsync(string notificationKey, int attempt) =>
        Eventually.HoldsAsync(
            async () =>
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                return await Grains.GetGrain<IMerchantNotificationGrain>(notificationKey).GetStatusAsync();
            },
            status => status?.AttemptCount >= attempt,
            $"notification {notificationKey} made attempt {attempt}");

    public static string Text(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }

    public static string Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _store.DisposeAsync();
    }
}
