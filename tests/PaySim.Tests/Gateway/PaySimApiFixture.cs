using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PaySim.Gateway.Security;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Gateway;

/// <summary>
/// The whole gateway in process (WebApplicationFactory) over one store and a fake clock, shared by the tests of one
/// store. Subclasses name the store; each fixture gets a fresh one, seeded with 账户1 and 账户2 as in production.
/// </summary>
public abstract class PaySimApiFixture : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-7f3a";

    /// <summary>The password of accounts the tests open.</summary>
    public const string Password = "secret-654321";

    private WebApplicationFactory<Program>? _factory;

    public FakeTimeProvider Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A fresh folder for the store's files and anything else the gateway keeps on disk.</summary>
    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "paysim-api-tests", Guid.NewGuid().ToString("N"));

    public IServiceProvider Services => _factory!.Services;

    /// <summary>Another client of the same gateway, e.g. one that neither follows redirects nor keeps cookies.</summary>
    public HttpClient CreateClient(WebApplicationFactoryClientOptions options) => _factory!.CreateClient(options);

    public async Task InitializeAsync()
    {
        var settings = await CreateStoreAsync();
        settings["PaySim:Storage:DataDirectory"] = DataDirectory;
        settings[AdminCredential.ConfigurationKey] = AdminToken;
        foreach (var (key, value) in LoopbackPorts.SiloSettings())
        {
            settings[key] = value;
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddTestClock(Clock));
        });
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DropStoreAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>Creates the store and returns the configuration that points the gateway at it.</summary>
    protected abstract Task<Dictionary<string, string>> CreateStoreAsync();

    /// <summary>The store this fixture means to test, checked against what the gateway actually opened.</summary>
    public abstract PaySim.Silo.Storage.StorageProviderKind StorageKind { get; }

    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    public Task<PaySimResponse> PostAsync(object body, string? adminToken = null) =>
        SendAsync(JsonContent.Create(body), adminToken);

    public Task<PaySimResponse> PostRawAsync(string body, string? adminToken = null) =>
        SendAsync(new StringContent(body, Encoding.UTF8, "application/json"), adminToken);

    /// <summary>POSTs bytes as they are, for bodies no .NET string can hold (invalid UTF-8).</summary>
    public Task<PaySimResponse> PostBytesAsync(byte[] body) =>
        SendAsync(new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } }, null);

    /// <summary>POSTs a body without Content-Length, as a client streaming it in chunks does.</summary>
    public Task<PaySimResponse> PostWithoutLengthAsync(string body) =>
        SendAsync(new UnknownLengthContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new("application/json") } }, null, chunked: true);

    public Task<PaySimResponse> PostAsAdminAsync(object body) => PostAsync(body, AdminToken);

    /// <summary>Opens an account with a fresh name through 创建账户 and returns the name.</summary>
    public async Task<string> OpenAccountAsync(long initBalance, string password = Password)
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..16];
        var response = await PostAsAdminAsync(new { method = "创建账户", username, password, initBalance });
        Assert.True(response["result"] == "创建成功", response.ToString());
        return username;
    }

    /// <summary>The balance in fen, read through 查询账户信息.</summary>
    public async Task<long> BalanceAsync(string username)
    {
        var response = await PostAsync(new { method = "查询账户信息", username });
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Body.GetProperty("accountBalance").GetInt64();
    }

    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private async Task<PaySimResponse> SendAsync(HttpContent content, string? adminToken, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/PaySim") { Content = content };
        request.Headers.TransferEncodingChunked = chunked ? true : null;
        if (adminToken is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, adminToken);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new PaySimResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }
}

/// <summary>A response of POST /PaySim: status, body and, for assertion messages, the raw text.</summary>
public sealed record PaySimResponse(HttpStatusCode Status, JsonElement Body, string Text)
{
    public string? this[string field] => Body.TryGetProperty(field, out var value) ? value.ToString() : null;

    public override string ToString() => $"{(int)Status} {Text}";
}
