using System.Collections.Frozen;
using System.Reflection;
using PaySim.Runtime;

namespace PaySim.Silo.Activation;

/// <summary>
/// Knows every grain class of the given assemblies: which interface each implements and under which grain type
/// name it is stored ("AccountGrain" → "account"). Built once at start-up; read-only afterwards.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, string> _typeNameByInterface;
    private readonly FrozenDictionary<string, GrainClass> _classByTypeName;

    public GrainTypeRegistry(IEnumerable<Assembly> grainAssemblies)
    {
        var classes = grainAssemblies.Distinct()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type))
            .Select(type => new GrainClass(GrainTypeNameOf(type), type))
            .ToList();

        var duplicate = classes.GroupBy(c => c.TypeName).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Grain classes {string.Join(", ", duplicate.Select(c => c.ClassType.Name))} share the grain type name '{duplicate.Key}'; rename one.");
        }

        _classByTypeName = classes.ToFrozenDictionary(c => c.TypeName);
        _typeNameByInterface = classes
            .SelectMany(c => c.ClassType.GetInterfaces()
                .Where(i => i != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(i))
                .Select(i => (Interface: i, c.TypeName)))
            .ToFrozenDictionary(pair => pair.Interface, pair => pair.TypeName);
    }

    public IEnumerable<string> GrainTypeNames => _classByTypeName.Keys;

    /// <summary>The grain type name of the class implementing <paramref name="grainInterface"/>.</summary>
    public string GetGrainType(Type grainInterface) =>
        _typeNameByInterface.TryGetValue(grainInterface, out var typeName)
            ? typeName
            : throw new InvalidOperationException(
                $"No grain class implements {grainInterface.Name}; was its assembly passed to AddPaySimSilo?");

    public GrainClass GetGrainClass(string grainType) =>
        _classByTypeName.TryGetValue(grainType, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"Unknown grain type '{grainType}'.");

    /// <summary>"AccountGrain" → "account", "MerchantOrderGrain" → "merchantorder".</summary>
    public static string GrainTypeNameOf(Type grainClass)
    {
        var name = grainClass.Name.EndsWith("Grain", StringComparison.Ordinal) && grainClass.Name.Length > "Grain".Length
            ? grainClass.Name[..^"Grain".Length]
            : grainClass.Name;
        return name.ToLowerInvariant();
    }
}
