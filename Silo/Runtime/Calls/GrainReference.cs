using System.Collections.Concurrent;
using System.Reflection;
using PaySim.Runtime;

namespace PaySim.Silo.Calls;

/// <summary>
/// The object behind a grain interface handed out by <see cref="GrainFactory"/>: it turns each interface call into a
/// call through <see cref="IGrainCallInvoker"/> and converts the untyped reply back to the method's Task type.
/// </summary>
public class GrainReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, Func<Task<object?>, object>> ReplyConverters = new();

    private GrainId _grainId;
    private IGrainCallInvoker? _invoker;

    public GrainId GrainId => _grainId;

    internal void Bind(GrainId grainId, IGrainCallInvoker invoker)
    {
        _grainId = grainId;
        _invoker = invoker;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var reply = _invoker!.InvokeAsync(_grainId, targetMethod, args ?? []);
        return ReplyConverters.GetOrAdd(targetMethod.ReturnType, CreateConverter)(reply);
    }

    private static Func<Task<object?>, object> CreateConverter(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return reply => reply;
        }

        if (!returnType.IsGenericType || returnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            throw new NotSupportedException($"Grain methods must return Task or Task<T>, not {returnType}.");
        }

        var cast = typeof(GrainReference).GetMethod(nameof(CastReply), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(returnType.GetGenericArguments()[0]);
        return cast.CreateDelegate<Func<Task<object?>, object>>();
    }

    private static object CastReply<T>(Task<object?> reply) => CastReplyAsync<T>(reply);

    private static async Task<T> CastReplyAsync<T>(Task<object?> reply) => (T)(await reply.ConfigureAwait(false))!;
}
