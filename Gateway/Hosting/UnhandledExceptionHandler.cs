using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces;
using Orleans.Runtime;
using Orleans.Storage;

namespace PaySim.Gateway.Hosting;

/// <summary>
/// The last line: an exception that reaches the edge is an infrastructure failure (a timeout, a store down, a
/// concurrent writer) or a bug, never a business outcome. It is logged and answered 503 with a reason, never 500:
/// the request may be retried (with its requestId it is then applied at most once). Seed 001's endpoints answer it
/// as that seed answers everything, HTTP 200 with <c>result</c> FAIL and the seed's <c>EXCEPTION</c>; the cashier and
/// seed 002's pay request, which a browser posts, answer it with the cashier's error page. A client that went away
/// mid-request (a reset connection, a body cut short) is no failure of PaySim's: it is logged at Debug and not
/// answered, so that any client cannot fill the Error log.
/// </summary>
public sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var clientGone = httpContext.RequestAborted.IsCancellationRequested;
        if (exception is ConnectionResetException || (clientGone && exception is OperationCanceledException or BadHttpRequestException))
        {
            LogClientGone(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            return true;
        }

        var path = httpContext.Request.Path;
        if (exception is BadHttpRequestException badRequest)
        {
            // A body Kestrel could not read (a malformed chunk, past a limit): the client's mistake, answered in the
            // shape its API answers everything else.
            if (path.StartsWithSegments(MerchantPayApi.BasePath))
            {
                httpContext.Response.StatusCode = StatusCodes.Status200OK;
                await FufuReplies.Refused(MerchantResultCodes.IllegalParameter, "The request body could not be read: " + badRequest.Message).ExecuteAsync(httpContext);
            }
            else if (IsBrowserForm(path))
            {
                await CashierApi.Html(CashierPage.RenderError(CashierTexts.BadRequest), badRequest.StatusCode).ExecuteAsync(httpContext);
            }
            else
            {
                httpContext.Response.StatusCode = badRequest.StatusCode;
                var refusal = badRequest.StatusCode switch
                {
                    // The body did not arrive in time (shorter than its Content-Length, or sent too slowly).
                    StatusCodes.Status408RequestTimeout => Reasons.BodyTimeout,
                    StatusCodes.Status413PayloadTooLarge => Reasons.BodyTooLarge,
                    _ => Reasons.MalformedJson,
                };
                await httpContext.Response.WriteAsJsonAsync(new PaySimReply { Reason = refusal }, cancellationToken);
            }

            return true;
        }

        var reason = exception switch
        {
            _ when StoreUnavailableException.IsCauseOf(exception) => Reasons.StoreUnavailable,
            TimeoutException => Reasons.Timeout,
            InconsistentStateException => Reasons.ConcurrentUpdate,
            // A silo gone, a message rejected or a client not connected: Orleans' infrastructure, retryable.
            SiloUnavailableException or OrleansMessageRejectionException => Reasons.Unavailable,
            _ => Reasons.Unavailable,
        };
        LogFailure(logger, exception, httpContext.Request.Path, reason);
        if (clientGone)
        {
            // Logged: the failure is PaySim's. Not answered: nobody is there to read it.
            return true;
        }

        if (path.StartsWithSegments(MerchantPayApi.BasePath))
        {
            // Seed 001's clients read every answer as HTTP 200 with a result part: its code for an unknown failure.
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            await FufuReplies.Refused(MerchantResultCodes.Exception, $"{reason}: PaySim could not answer now. Send the request again, "
                + "signed anew, with the same order or refund number: it is applied at most once.").ExecuteAsync(httpContext);
            return true;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        if (IsBrowserForm(path))
        {
            // A browser posted a form: it is shown a page, not JSON.
            await CashierApi.Html(CashierPage.RenderError(CashierTexts.TryAgain), StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
            return true;
        }

        await httpContext.Response.WriteAsJsonAsync(new PaySimReply { Reason = reason }, cancellationToken);
        return true;
    }

    /// <summary>The cashier's pages and seed 002's pay request, which a browser posts: answered with a page, not JSON.</summary>
    private static bool IsBrowserForm(PathString path) =>
        path.StartsWithSegments(CashierApi.BasePath) || path.Equals(AggregatorApi.PayPath, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of {Path} went away mid-request ({Failure}: {Message}); not answered")]
    private static partial void LogClientGone(ILogger logger, string path, string failure, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed ({Reason}); answered 503, or on seed 001 its EXCEPTION")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path, string reason);
}
