using System.Net;
using System.Text.Json;
using PaySim.Gateway.Security;

namespace PaySim.Tests.Gateway;

/// <summary>GET /admin/cluster on a single node: one silo, whose activations include the grains a call just woke.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ClusterAdminApiTests(SqliteApiFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetClusterAsync(string? adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/cluster");
        if (adminToken is not null)
        {
            request.Headers.Add(AdminCredential.HeaderName, adminToken);
        }

        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task WithTheAdminToken_ListsTheOneSilo_WithTheActivationsOfCalledGrains()
    {
        var account = await fixture.OpenAccountAsync(100);
        Assert.Equal(100, await fixture.BalanceAsync(account));

        var (status, body) = await GetClusterAsync(PaySimApiFixture.AdminToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("siloCount").GetInt32());
        var silo = Assert.Single(body.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        var activations = silo.GetProperty("activations").GetInt32();
        Assert.True(activations > 0, body.ToString());
        Assert.Equal(activations, body.GetProperty("activations").GetInt32());
        Assert.Contains(silo.GetProperty("activationsByGrainType").EnumerateObject(),
            type => type.Name.Contains("account", StringComparison.OrdinalIgnoreCase) && type.Value.GetInt32() > 0);
    }

    [Fact]
    public async Task WithoutTheAdminToken_Is401_AndWithAWrongOne_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetClusterAsync(null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetClusterAsync("not-the-token")).Status);
    }
}
