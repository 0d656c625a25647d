using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Security;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// POST /PaySim (seed 000): one route whose body's <c>method</c> picks the operation, described as a <c>oneOf</c> of
/// one request schema per method with <c>method</c> as discriminator, each with an example that works on a new store.
/// </summary>
internal sealed class PaySimMethodsTransformer : IOpenApiDocumentTransformer
{
    public const string Path = "/PaySim";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var methods = PaySimMethodTable.All;
        var request = new OpenApiSchema
        {
            Description = "Every method's body. `method` names the operation; a field sent as JSON null counts as absent; unknown fields are ignored.",
            OneOf = [.. methods.Select(method => document.Component(method.RequestSchemaId, method.RequestSchema()))],
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = Fields.Method,
                Mapping = methods.ToDictionary(method => method.Method, method => new OpenApiSchemaReference(method.RequestSchemaId, document), StringComparer.Ordinal),
            },
        };
        var error = PaySimReplies.Error(document);
        document.Describe(Path, HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "PaySim",
            Summary = "Call a PaySim method",
            Description = $"""
                The seed's one endpoint: a JSON object (at most {RequestBody.BodyBytesMax} bytes) whose `method` names the
                operation. Admin methods ({string.Join(", ", methods.Where(method => method.AdminOnly).Select(method => method.Method))})
                need the `{AdminCredential.HeaderName}` header; the others ignore it. Business outcomes answer 200 with the
                seed's result text, failures also with a `reason`. Nothing answers 500.
                """,
            Tags = Operations.Tag(document, DocumentInfoTransformer.PaySimTag),
            // Optional for the caller as a whole: only the admin methods need it, which the schema of each says.
            Security = [new OpenApiSecurityRequirement(), DocumentInfoTransformer.AdminRequirement(document)],
            RequestBody = Operations.Body(Operations.Json, "The method and its fields.", request, [.. methods.Select(method => method.Request)]),
            Responses = Operations.Responses(
                (200, Operations.Answer(Operations.Json, "The business outcome: the seed's result text (with a reason when it failed), or the record a query reads.",
                    PaySimReplies.Success(document), [.. methods.Select(method => method.Answer)])),
                (400, Operations.Answer(Operations.Json,
                    "Malformed: MALFORMED_JSON (not JSON, not an object, a field twice, not UTF-8), UNKNOWN_METHOD, MISSING_FIELD, INVALID_FIELD_TYPE, EMPTY_FIELD, FIELD_TOO_LONG or INVALID_INTEGER; nothing changed.",
                    error, new Example("missing", "A required field is missing", """{"reason":"MISSING_FIELD","field":"username"}"""))),
                (401, Operations.Answer(Operations.Json, "An admin method without the admin token: ADMIN_TOKEN_MISSING.", error)),
                (403, Operations.Answer(Operations.Json, "An admin method with a wrong admin token: ADMIN_TOKEN_INVALID.", error)),
                (429, Operations.Answer(Operations.Json, AdminTransformer.GuessesLimited, error)),
                (404, Operations.Answer(Operations.Json,
                    "查询账户信息, 冻结账户 or 绑定微信 of an account that does not exist (NO_SUCH_ACCOUNT), 查询交易 of an unknown trade (NO_SUCH_TRADE).", error)),
                (413, Operations.Answer(Operations.Json, $"A body over {RequestBody.BodyBytesMax} bytes: BODY_TOO_LARGE.", error)),
                (503, Unavailable(error))),
        });
        return Task.CompletedTask;
    }

    /// <summary>The infrastructure answer shared by the JSON APIs: retry after a second (with a requestId, safely).</summary>
    public static OpenApiResponse Unavailable(IOpenApiSchema error)
    {
        var response = Operations.Answer(Operations.Json,
            "The store or a grain call failed or timed out: TIMEOUT, CONCURRENT_UPDATE, UNAVAILABLE or STORE_UNAVAILABLE. Retry after Retry-After seconds.", error);
        response.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying (1).", Schema = Schemas.Integer("Seconds.") },
        };
        return response;
    }
}
