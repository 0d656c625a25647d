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
        // Made now, not at the first admin request: a configured token no header can carry stops the start, and a
        // generated token's file is named in the log before anyone needs it.
        _ = app.Services.GetRequiredService<PaySim.Gateway.Security.AdminCredential>();
        app.UseExceptionHandler();
        app.MapPaySimApi();
        app.MapMerchantPayApi();
        app.MapAggregatorApi();
        app.MapCashierApi();
        app.MapMerchantAdminApi();
        app.MapClusterAdminApi();
        app.MapPaySimHealth();
        app.MapPaySimMetrics();
        app.MapPaySimOpenApi();
        app.MapPaySimDashboard();
        return app;
    }
}
