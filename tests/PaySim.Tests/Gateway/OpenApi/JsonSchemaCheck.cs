using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaySim.Tests.Gateway.OpenApi;

/// <summary>
/// Checks a JSON answer against a schema of the served document, in the subset of JSON Schema the document uses:
/// $ref to components, type (one or a list), const, enum, pattern, required, properties, additionalProperties,
/// items, anyOf, oneOf and allOf. Returns the first mismatch, with its JSON path, or null.
/// </summary>
public sealed class JsonSchemaCheck(JsonNode document)
{
    public string? Mismatch(JsonNode? value, JsonNode schema, string path = "$")
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Mismatch(value, Resolve(reference), path);
        }

        if (schema["type"] is { } type && !TypeMatches(value, type))
        {
            return $"{path}: {Kind(value)} is not of type {type.ToJsonString()}";
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            return $"{path}: {value?.ToJsonString()} is not {constant.ToJsonString()}";
        }

        if (schema["enum"] is JsonArray values && !values.Any(allowed => JsonNode.DeepEquals(allowed, value)))
        {
            return $"{path}: {value?.ToJsonString()} is not one of {values.ToJsonString()}";
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && value is JsonValue text && text.TryGetValue<string>(out var s) && !Regex.IsMatch(s, pattern))
        {
            return $"{path}: \"{s}\" does not match {pattern}";
        }

        return Composition(value, schema, path) ?? Members(value, schema, path);
    }

    private string? Composition(JsonNode? value, JsonNode schema, string path)
    {
        if (schema["allOf"] is JsonArray all && all.Select(part => Mismatch(value, part!, path)).FirstOrDefault(mismatch => mismatch is not null) is { } failed)
        {
            return failed;
        }

        if (schema["anyOf"] is JsonArray any && any.All(part => Mismatch(value, part!, path) is not null))
        {
            return $"{path}: matches none of anyOf ({string.Join("; ", any.Select(part => Mismatch(value, part!, path)))})";
        }

        if (schema["oneOf"] is JsonArray one && one.Count(part => Mismatch(value, part!, path) is null) != 1)
        {
            return $"{path}: matches {one.Count(part => Mismatch(value, part!, path) is null)} of oneOf, not exactly one";
        }

        return null;
    }

    private string? Members(JsonNode? value, JsonNode schema, string path)
    {
        if (value is JsonObject obj)
        {
            foreach (var name in schema["required"]?.AsArray().Select(item => item!.GetValue<string>()) ?? [])
            {
                if (!obj.ContainsKey(name))
                {
                    return $"{path}: required property {name} is missing";
                }
            }

            foreach (var (name, member) in obj)
            {
                var memberSchema = schema["properties"]?[name] ?? (schema["additionalProperties"] as JsonObject);
                if (memberSchema is not null && Mismatch(member, memberSchema, $"{path}.{name}") is { } mismatch)
                {
                    return mismatch;
                }
            }
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            return array.Select((item, index) => Mismatch(item, items, $"{path}[{index}]")).FirstOrDefault(mismatch => mismatch is not null);
        }

        return null;
    }

    private JsonNode Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference);
        return document["components"]!["schemas"]![reference[prefix.Length..]] ?? throw new InvalidOperationException("No schema " + reference);
    }

    private static bool TypeMatches(JsonNode? value, JsonNode type)
    {
        var kinds = type is JsonArray list ? list.Select(item => item!.GetValue<string>()) : [type.GetValue<string>()];
        return kinds.Any(kind => kind == Kind(value) || (kind == "number" && Kind(value) == "integer"));
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        // JSON has one number type; an integer is written without fraction or exponent (and may pass 64 bits).
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => Regex.IsMatch(v.ToJsonString(), "^-?[0-9]+$") ? "integer" : "number",
        _ => "unknown",
    };
}
