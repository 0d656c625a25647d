using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PaySim.Gateway.Merchant;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// What a merchant backend sends to any gateway, in-process or a child process: its registration by an
/// administrator, and seed 001 requests signed at a timestamp the caller gives (a fake clock's, or the real one).
/// </summary>
public static class FufuRequests
{
    /// <summary>Registers a merchant settling to <paramref name="settlementAccount"/> through POST /admin/merchants.</summary>
    public static async Task<MerchantCredentials> RegisterMerchantAsync(HttpClient client, string adminToken, string name, string settlementAccount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/merchants")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name, settlementAccount }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AdminCredential.HeaderName, adminToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return new MerchantCredentials(root.GetProperty("busi_id").GetString()!, root.GetProperty("key").GetString()!, root.GetProperty("token").GetString()!);
    }

    /// <summary>POSTs a seed 001 request signed with <paramref name="key"/> at <paramref name="timestampMs"/> (or with <paramref name="sign"/>).</summary>
    public static async Task<JsonElement> PostAsync(HttpClient client, string operation, string body, string key, long timestampMs, string? sign = null)
    {
        sign ??= FufuSigning.Sign(timestampMs, key, body);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync($"/gateway/pay/{operation}?sign={sign}", content);
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
