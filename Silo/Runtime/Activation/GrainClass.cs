using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PaySim.Runtime;

namespace PaySim.Silo.Activation;

/// <summary>
/// One grain class: how to construct it (its <see cref="IPersistentState{TState}"/> parameters are supplied by the
/// runtime, everything else by DI) and compiled invokers for its interface methods, so a call costs no reflection.
/// </summary>
public sealed class GrainClass
{
    private readonly ConcurrentDictionary<MethodInfo, Func<object, object?[], Task<object?>>> _invokers = new();
    private readonly ObjectFactory _factory;

    public GrainClass(string typeName, Type classType)
    {
        TypeName = typeName;
        ClassType = classType;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: false);
        var constructors = classType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException($"Grain class {classType.Name} must have exactly one public constructor.");
        }

        PersistentStates = constructors[0].GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(p => new PersistentStateParameter(
                p.GetCustomAttribute<PersistentStateAttribute>()?.StateName ?? "state",
                p.ParameterType.GetGenericArguments()[0]))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(
            classType,
            PersistentStates.Select(s => typeof(IPersistentState<>).MakeGenericType(s.StateType)).ToArray());
    }

    public string TypeName { get; }

    public Type ClassType { get; }

    /// <summary>Whether calls to one activation interleave at their awaits (<see cref="ReentrantAttribute"/>).</summary>
    public bool IsReentrant { get; }

    /// <summary>The states the constructor asks for, in parameter order.</summary>
    public IReadOnlyList<PersistentStateParameter> PersistentStates { get; }

    public Grain Create(IServiceProvider services, object[] persistentStates) =>
        (Grain)_factory(services, persistentStates);

    public Func<object, object?[], Task<object?>> GetInvoker(MethodInfo interfaceMethod) =>
        _invokers.GetOrAdd(interfaceMethod, CompileInvoker);

    private static Func<object, object?[], Task<object?>> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((parameter, index) => Expression.Convert(
                Expression.ArrayIndex(arguments, Expression.Constant(index)), parameter.ParameterType)));
        var boxed = method.ReturnType == typeof(Task)
            ? Expression.Call(typeof(GrainClass).GetMethod(nameof(BoxVoid), BindingFlags.NonPublic | BindingFlags.Static)!, call)
            : Expression.Call(
                typeof(GrainClass).GetMethod(nameof(Box), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]),
                call);
        return Expression.Lambda<Func<object, object?[], Task<object?>>>(boxed, grain, arguments).Compile();
    }

    private static async Task<object?> BoxVoid(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> Box<T>(Task<T> task) => await task.ConfigureAwait(false);
}

/// <summary>A constructor parameter of type IPersistentState&lt;StateType&gt; bound to the state named <paramref name="StateName"/>.</summary>
public sealed record PersistentStateParameter(string StateName, Type StateType);
