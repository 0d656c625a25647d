using PaySim.Gateway.Security;

namespace PaySim.Gateway.Apis;

/// <summary>
/// <c>GET /admin/cluster</c> (admin): the silos of the cluster as Orleans' management grain sees them, each with its
/// membership status and how many grain activations it holds, in total and per grain type. It is how an operator
/// (and deploy/load/scale-out.sh) sees where the grains went after a silo was added. Only Orleans' own contract
/// (<see cref="IManagementGrain"/>) is called, so it works the same on a single node and on a cluster client.
/// </summary>
public static class ClusterAdminApi
{
    public sealed record SiloView(string Address, string Status, int Activations, IReadOnlyDictionary<string, int> ActivationsByGrainType);

    public sealed record ClusterView(int SiloCount, int Activations, IReadOnlyList<SiloView> Silos);

    public static IEndpointRouteBuilder MapClusterAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/cluster", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpRequest http, AdminCredential admin, IGrainFactory grains)
    {
        if (admin.Check(http) is { } denied)
        {
            return denied;
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics();
        var silos = hosts
            .OrderBy(host => host.Key.ToString(), StringComparer.Ordinal)
            .Select(host =>
            {
                var byType = statistics
                    .Where(statistic => statistic.SiloAddress.Equals(host.Key))
                    .GroupBy(statistic => statistic.GrainType, StringComparer.Ordinal)
                    .OrderBy(group => group.Key, StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Sum(statistic => statistic.ActivationCount), StringComparer.Ordinal);
                return new SiloView(host.Key.ToString(), host.Value.ToString(), byType.Values.Sum(), byType);
            })
            .ToList();
        return TypedResults.Ok(new ClusterView(silos.Count, silos.Sum(silo => silo.Activations), silos));
    }
}
