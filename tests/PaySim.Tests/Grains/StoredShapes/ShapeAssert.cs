using System.Collections;
using System.Reflection;

namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// Walks a stored object graph by its settable public properties (what System.Text.Json reads back; computed
/// properties are derived and skipped), into nested PaySim types and list elements, naming each property by its path.
/// </summary>
internal static class ShapeAssert
{
    /// <summary>Limits the walk, so a cycle in a stored type fails here rather than overflowing the stack.</summary>
    private const int DepthMax = 8;

    /// <summary>
    /// Asserts no stored property of <paramref name="sample"/> holds its default (null, 0, the first enum member, "",
    /// an empty list): a property read back as its default after a rename is then visibly wrong.
    /// </summary>
    public static void FullyPopulated(object sample, string path, int depth = 0)
    {
        Assert.True(depth < DepthMax, $"{path}: nested deeper than {DepthMax} levels.");
        foreach (var property in StoredProperties(sample.GetType()))
        {
            var propertyPath = path + "." + property.Name;
            var value = property.GetValue(sample);
            Assert.False(IsDefault(value), $"{propertyPath} holds its default in the sample; give it another value, so a rename of it shows.");
            if (value is IList list)
            {
                foreach (var element in list)
                {
                    FullyPopulated(element!, propertyPath + "[]", depth + 1);
                }
            }
            else if (IsComposite(value!.GetType()))
            {
                FullyPopulated(value, propertyPath, depth + 1);
            }
        }
    }

    /// <summary>Asserts <paramref name="read"/> holds exactly the values of <paramref name="expected"/>, property by property.</summary>
    public static void SameValues(object? expected, object? read, string path, int depth = 0)
    {
        Assert.True(depth < DepthMax, $"{path}: nested deeper than {DepthMax} levels.");
        if (expected is null || read is null)
        {
            Assert.True(expected is null && read is null, Mismatch(path, expected, read));
            return;
        }

        Assert.Equal(expected.GetType(), read.GetType());
        if (expected is IList expectedList)
        {
            var readList = (IList)read;
            Assert.True(expectedList.Count == readList.Count, Mismatch(path + ".Count", expectedList.Count, readList.Count));
            for (var i = 0; i < expectedList.Count; i++)
            {
                SameValues(expectedList[i], readList[i], $"{path}[{i}]", depth + 1);
            }
        }
        else if (IsComposite(expected.GetType()))
        {
            foreach (var property in StoredProperties(expected.GetType()))
            {
                SameValues(property.GetValue(expected), property.GetValue(read), path + "." + property.Name, depth + 1);
            }
        }
        else
        {
            // DateTimeOffset equality ignores the offset, which the document stores too.
            var same = expected is DateTimeOffset time ? time.EqualsExact((DateTimeOffset)read) : expected.Equals(read);
            Assert.True(same, Mismatch(path, expected, read));
        }
    }

    /// <summary>The stored properties of a type: public, instance, with a getter and a setter (init counts).</summary>
    public static IEnumerable<PropertyInfo> StoredProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0);

    /// <summary>PaySim's own classes and records are walked into; everything else is compared as a value.</summary>
    private static bool IsComposite(Type type) =>
        !type.IsEnum && !type.IsPrimitive && type != typeof(string) && type.Namespace?.StartsWith("PaySim.", StringComparison.Ordinal) == true;

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        IList list => list.Count == 0,
        _ when value.GetType().IsValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };

    private static string Mismatch(string path, object? expected, object? read) =>
        $"{path} reads back from the golden document as {read ?? "null"}, but the document was written from {expected ?? "null"}. " +
        "A property that was renamed or removed reads as its default: add a migration or a [JsonPropertyName] alias (STYLE.md 3c).";
}
