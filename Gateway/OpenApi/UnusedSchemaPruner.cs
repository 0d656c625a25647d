using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Runs last: drops component schemas nothing refers to any more. The generator named schemas after handler types
/// (a body record, an anonymous type) whose operations the hand-written descriptions replaced; left in, they would
/// show in the browsable page as shapes no route uses.
/// </summary>
internal sealed partial class UnusedSchemaPruner : IOpenApiDocumentTransformer
{
    /// <summary>An unused schema may be all that refers to another one, which then goes in the next pass.</summary>
    private const int PassMax = 8;

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        for (var pass = 0; pass < PassMax; pass++)
        {
            var text = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
            var referenced = SchemaReference().Matches(text).Select(match => match.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);
            var unused = schemas.Keys.Where(id => !referenced.Contains(id)).ToList();
            if (unused.Count == 0)
            {
                return;
            }

            unused.ForEach(id => schemas.Remove(id));
        }
    }

    [GeneratedRegex("\"#/components/schemas/(?<id>[^\"]+)\"")]
    private static partial Regex SchemaReference();
}
