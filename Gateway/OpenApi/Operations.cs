using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PaySim.Gateway.OpenApi;

/// <summary>A named example: a request or an answer the document shows, and the test sends or expects.</summary>
internal sealed record Example(string Name, string Summary, JsonNode Value)
{
    public Example(string name, string summary, string json)
        : this(name, summary, JsonNode.Parse(json)!)
    {
    }
}

/// <summary>Builders for operations, bodies and answers, and the one place an operation is put into the document.</summary>
internal static class Operations
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";
    public const string Html = "text/html";

    /// <summary>
    /// Puts the operation at <paramref name="path"/>, replacing what the generator inferred from the handler's
    /// signature (the handlers read their bodies themselves, so it inferred next to nothing).
    /// </summary>
    public static void Describe(this OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        document.Paths ??= [];
        if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
        {
            pathItem = new OpenApiPathItem();
            document.Paths[path] = pathItem;
        }

        pathItem.Operations ??= [];
        pathItem.Operations[method] = operation;
    }

    public static OpenApiRequestBody Body(string mediaType, string description, IOpenApiSchema schema, params Example[] examples) => new()
    {
        Required = true,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = Media(schema, examples) },
    };

    public static OpenApiResponse Answer(string mediaType, string description, IOpenApiSchema schema, params Example[] examples) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = Media(schema, examples) },
    };

    /// <summary>An HTML page: the cashier, or its error page.</summary>
    public static OpenApiResponse Page(string description) =>
        Answer(Html, description, new OpenApiSchema { Type = JsonSchemaType.String, Description = "An HTML page (UTF-8)." });

    public static OpenApiParameter Query(string name, string description, IOpenApiSchema schema, JsonNode example, bool required = true) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = required,
        Description = description,
        Schema = schema,
        Example = example,
    };

    public static OpenApiResponses Responses(params (int Status, OpenApiResponse Response)[] responses)
    {
        var all = new OpenApiResponses();
        foreach (var (status, response) in responses)
        {
            all[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        return all;
    }

    public static HashSet<OpenApiTagReference> Tag(OpenApiDocument document, string name) => [new OpenApiTagReference(name, document)];

    private static OpenApiMediaType Media(IOpenApiSchema schema, Example[] examples) => new()
    {
        Schema = schema,
        Examples = examples.Length == 0
            ? null
            : examples.ToDictionary(example => example.Name, example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = example.Value }),
    };
}
