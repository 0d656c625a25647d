using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PaySim.Gateway.Security;
using PaySim.Silo.Storage;
using PaySim.Tests.Gateway.Merchant;

namespace PaySim.Tests.Gateway.Dashboard;

/// <summary><c>PaySim:Dashboard:Enabled=false</c>: no route under /dashboard, and the co-hosted silo runs none of the dashboard's parts.</summary>
public sealed class DashboardDisabledTests
{
    [Fact]
    public async Task Disabled_DashboardRoutesAre404_AndTheSiloHasNoCallProfiler()
    {
        await using var host = await MerchantGatewayHost.StartAsync(
            StorageProviderKind.Sqlite, settings: new Dictionary<string, string?> { ["PaySim:Dashboard:Enabled"] = "false" });

        foreach (var route in (string[])["/dashboard", "/dashboard/", "/dashboard/DashboardCounters"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Add(AdminCredential.HeaderName, MerchantGatewayHost.AdminToken);
            using var response = await host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode}");
        }

        using var signIn = await host.Client.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("token", MerchantGatewayHost.AdminToken)]));
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        // The dashboard's grain call filter is what costs on every call; off, it is not there at all.
        Assert.DoesNotContain(host.App.Services.GetServices<IIncomingGrainCallFilter>(), filter => filter.GetType().Namespace!.StartsWith("Orleans.Dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enabled_TheSiloRunsTheDashboardsCallProfiler()
    {
        await using var host = await MerchantGatewayHost.StartAsync(StorageProviderKind.Sqlite);

        Assert.Contains(host.App.Services.GetServices<IIncomingGrainCallFilter>(), filter => filter.GetType().Namespace!.StartsWith("Orleans.Dashboard", StringComparison.Ordinal));
    }
}
