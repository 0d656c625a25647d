using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// The gateway's OpenAPI 3.1 description at <c>/openapi/v1.json</c> and its browsable page at <c>/scalar</c>.
/// The document is public: it holds shapes and examples, never a secret.
/// </summary>
public static class PaySimOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string PageRoute = "/scalar";

    public static IServiceCollection AddPaySimOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // In this order: the info transformer makes the tags and the admin scheme the others refer to; the
            // pruner drops what the hand-written operations replaced.
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<PaySimMethodsTransformer>();
            options.AddDocumentTransformer<MerchantPayTransformer>();
            options.AddDocumentTransformer<AggregatorTransformer>();
            options.AddDocumentTransformer<AdminTransformer>();
            options.AddDocumentTransformer<UnusedSchemaPruner>();
        });

    public static IEndpointRouteBuilder MapPaySimOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute);
        // The page is served from the gateway itself (Scalar's script is embedded), so it works on a closed network;
        // nothing is reported to Scalar and its AI chat, which would send the document out, is off.
        app.MapScalarApiReference(PageRoute, options => options.WithTitle("PaySim API").DisableTelemetry().DisableAgent());
        return app;
    }
}
