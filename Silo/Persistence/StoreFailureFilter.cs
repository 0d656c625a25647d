using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Turns a store failure that ends a grain call (Npgsql's or SQLite's <see cref="DbException"/>: a server restarting, a
/// connection killed, a statement timed out) into a <see cref="StoreUnavailableException"/>. Orleans carries only
/// exceptions it can serialise, and the drivers' are not among them: across silos, or to a gateway, the caller got a
/// codec error instead, which the edge could neither name nor repeat. The driver's exception is logged here, where it
/// happened (the group commit logs each failed write as well).
/// </summary>
internal sealed partial class StoreFailureFilter(ILogger<StoreFailureFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        Task invoking;
        try
        {
            invoking = context.Invoke();
        }
        catch (DbException exception)
        {
            throw Unavailable(context, exception);
        }

        return invoking.IsCompletedSuccessfully ? invoking : AwaitAsync(context, invoking);
    }

    private async Task AwaitAsync(IIncomingGrainCallContext context, Task invoking)
    {
        try
        {
            await invoking;
        }
        catch (DbException exception)
        {
            throw Unavailable(context, exception);
        }
    }

    private StoreUnavailableException Unavailable(IIncomingGrainCallContext context, DbException exception)
    {
        LogStoreFailed(logger, exception, context.TargetId, context.MethodName);
        return Translate($"{context.MethodName} of {context.TargetId}", exception);
    }

    /// <summary>The exception a caller can be given for <paramref name="exception"/>, raised by <paramref name="operation"/>.</summary>
    public static StoreUnavailableException Translate(string operation, DbException exception) =>
        new($"{operation}: the store failed ({exception.GetType().Name}: {exception.Message})");

    [LoggerMessage(Level = LogLevel.Debug, Message = "{GrainId}.{Method} failed on the store; its caller is answered StoreUnavailableException")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, Orleans.Runtime.GrainId grainId, string method);
}
