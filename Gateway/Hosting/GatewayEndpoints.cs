using PaySim.Gateway.Apis;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.Observability;
using PaySim.Gateway.OpenApi;

namespace PaySim.Gateway.Hosting;

/// <summary>Every route the gateway serves, in one place, so the process and the test hosts map the same ones.</summary>
public static class GatewayEndpoints
{
    public static WebApplication MapPaySimGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapPaySimApi();
        app.MapMerchantPayApi();
        app.MapAggregatorApi();
        app.MapCashierApi();
        app.MapMerchantAdminApi();
        app.MapClusterAdminApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapPaySimMetrics();
        app.MapPaySimOpenApi();
        app.MapPaySimDashboard();
        return app;
    }
}
