using PaySim.Grains.Interfaces.Health;

namespace PaySim.Gateway.Hosting;

/// <summary>
/// <c>/health</c>: the gateway process answers (liveness; no grain call, so it says nothing of the cluster).
/// <c>/health/ready</c>: a silo answered a grain call within <see cref="ReadyTimeout"/> (readiness: what a load
/// balancer in front of several gateways routes by, so that a gateway cut off from every silo gets no traffic).
/// </summary>
public static class HealthEndpoints
{
    public const string LiveRoute = "/health";
    public const string ReadyRoute = "/health/ready";

    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(1);

    public static WebApplication MapPaySimHealth(this WebApplication app)
    {
        app.MapGet(LiveRoute, () => TypedResults.Ok(new { status = "ok" }));
        app.MapGet(ReadyRoute, ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(IGrainFactory grains)
    {
        Task? ping = null;
        try
        {
            ping = grains.GetGrain<IReadinessProbeGrain>(0).PingAsync();
            await ping.WaitAsync(ReadyTimeout);
            return TypedResults.Ok(new { status = "ready" });
        }
        catch (Exception exception)
        {
            // Whatever failed, no silo answered: not ready. A ping still on its way is observed, not left unobserved.
            _ = ping?.ContinueWith(static task => task.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            var reason = exception is TimeoutException ? Apis.Reasons.Timeout : Apis.Reasons.Unavailable;
            return TypedResults.Json(new { status = "unavailable", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
