using System.Diagnostics;
using Orleans.Runtime;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Puts the caller's current activity (the HTTP request's on a gateway, the calling grain's call on a silo) in the
/// grain call's request context as a W3C traceparent. A caller without one sends on whatever its own request context
/// holds, which for a grain is the traceparent of the call it is serving.
/// </summary>
internal sealed class TraceParentOutgoingFilter : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent }
            && !ReferenceEquals(RequestContext.Get(GrainCallTracing.TraceParentKey), traceParent))
        {
            RequestContext.Set(GrainCallTracing.TraceParentKey, traceParent);
        }

        return context.Invoke();
    }
}

/// <summary>Runs a grain call that carries a traceparent under a child activity of it, so the grain's log scopes hold its TraceId.</summary>
internal sealed class TraceParentIncomingFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(GrainCallTracing.TraceParentKey) is not string traceParent
            || !ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var parent))
        {
            return context.Invoke();
        }

        var activity = GrainCallTracing.Source.StartActivity(context.MethodName, ActivityKind.Server, parent);
        return activity is null ? context.Invoke() : InvokeUnderAsync(context, activity);
    }

    private static async Task InvokeUnderAsync(IIncomingGrainCallContext context, Activity activity)
    {
        using (activity)
        {
            await context.Invoke();
        }
    }
}
