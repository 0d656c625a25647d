using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Short builders for the JSON Schemas of the document, so that each wire format's description reads as a list of
/// fields with their types, bounds and meaning rather than as object initialisers.
/// </summary>
internal static class Schemas
{
    /// <summary>A non-empty string of at most <paramref name="lengthMax"/> characters.</summary>
    public static OpenApiSchema Text(string description, int? lengthMax = null) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        MinLength = lengthMax is null ? null : 1,
        MaxLength = lengthMax,
    };

    /// <summary>A string that may also be JSON null: the merchant wire formats write absent values as null.</summary>
    public static OpenApiSchema NullableText(string description) =>
        new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };

    /// <summary>Exactly <paramref name="value"/>: a discriminator's value, or a reply that has one form only.</summary>
    public static OpenApiSchema Constant(string value, string description) =>
        new() { Type = JsonSchemaType.String, Const = value, Description = description };

    public static OpenApiSchema OneOf(string description, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))],
    };

    public static OpenApiSchema Integer(string description) =>
        new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };

    public static OpenApiSchema Boolean(string description) => new() { Type = JsonSchemaType.Boolean, Description = description };

    /// <summary>
    /// An integer request field as the gateway reads it: a JSON number or a string of digits (the seeds send both).
    /// Fractions, exponents and values beyond a 64-bit integer are refused.
    /// </summary>
    public static OpenApiSchema TolerantInteger(string description) => new()
    {
        Type = JsonSchemaType.Integer | JsonSchemaType.String,
        Pattern = "^-?[0-9]+$",
        Description = description + " A JSON number or a string of digits (100 or \"100\").",
    };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items, string description) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = description };

    /// <summary>An object with the named properties, in order; <paramref name="required"/> lists those always present.</summary>
    public static OpenApiSchema Object(string description, string[] required, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
        Properties = properties.ToDictionary(property => property.Name, property => property.Schema, StringComparer.Ordinal),
    };

    /// <summary>Any one of <paramref name="schemas"/>; used where a single route answers several shapes.</summary>
    public static OpenApiSchema AnyOf(string description, params IOpenApiSchema[] schemas) =>
        new() { Description = description, AnyOf = [.. schemas] };

    /// <summary>Adds <paramref name="schema"/> to the document's components and returns a reference to it.</summary>
    public static OpenApiSchemaReference Component(this OpenApiDocument document, string id, OpenApiSchema schema)
    {
        document.AddComponent(id, schema);
        return new OpenApiSchemaReference(id, document);
    }
}
