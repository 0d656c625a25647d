using Microsoft.AspNetCore.Diagnostics;
using PaySim.Gateway.Apis;
using Orleans.Runtime;
using Orleans.Storage;

namespace PaySim.Gateway.Hosting;

/// <summary>
/// The last line: an exception that reaches the edge is an infrastructure failure (a timeout, a store down, a
/// concurrent writer) or a bug, never a business outcome. It is logged and answered 503 with a reason, never 500:
/// the request may be retried (with its requestId it is then applied at most once).
/// </summary>
public sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            httpContext.Response.StatusCode = badRequest.StatusCode;
            await httpContext.Response.WriteAsJsonAsync(new PaySimReply { Reason = Reasons.MalformedJson }, cancellationToken);
            return true;
        }

        var reason = exception switch
        {
            TimeoutException => Reasons.Timeout,
            InconsistentStateException => Reasons.ConcurrentUpdate,
            // A silo gone, a message rejected or a client not connected: Orleans' infrastructure, retryable.
            SiloUnavailableException or OrleansMessageRejectionException => Reasons.Unavailable,
            _ => Reasons.Unavailable,
        };
        LogFailure(logger, exception, httpContext.Request.Path, reason);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        await httpContext.Response.WriteAsJsonAsync(new PaySimReply { Reason = reason }, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed ({Reason}); answered 503")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path, string reason);
}
