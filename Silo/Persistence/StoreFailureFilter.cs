using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans;
using PaySim.Grains.Interfaces;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Turns a store failure that ends a grain call into a <see cref="StoreUnavailableException"/> (<see cref="StoreFailures"/>):
/// the driver's <see cref="DbException"/> itself, or Orleans' storage error holding one, or holding a store failure
/// already translated. The driver's exception is logged here, where it happened (the group commit logs each failed
/// write as well).
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
        catch (Exception exception) when (Unavailable(context, exception) is { } unavailable)
        {
            throw unavailable;
        }

        return invoking.IsCompletedSuccessfully ? invoking : AwaitAsync(context, invoking);
    }

    private async Task AwaitAsync(IIncomingGrainCallContext context, Task invoking)
    {
        try
        {
            await invoking;
        }
        catch (Exception exception) when (Unavailable(context, exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private StoreUnavailableException? Unavailable(IIncomingGrainCallContext context, Exception exception)
    {
        if (StoreFailures.Find(exception, $"{context.MethodName} of {context.TargetId}") is not { } unavailable)
        {
            return null;
        }

        LogStoreFailed(logger, exception, context.TargetId, context.MethodName);
        return unavailable;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{GrainId}.{Method} failed on the store; its caller is answered StoreUnavailableException")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, Orleans.Runtime.GrainId grainId, string method);
}
