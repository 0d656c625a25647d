using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaySim.Gateway.Security;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// The document's title, its tags (one per wire format) and the admin credential as an API key scheme. Runs first,
/// so the operation transformers can refer to the tags and the scheme.
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string PaySimTag = "PaySim methods (seed 000)";
    public const string FufuTag = "付付 merchant open API (seed 001)";
    public const string AggregatorTag = "Aggregator API (seed 002)";
    public const string CashierTag = "Cashier page";
    public const string AdminTag = "Administration";
    public const string AdminScheme = "AdminToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PaySim",
            Version = "1",
            Description = """
                A payment system speaking three wire formats: the PaySim method API (`POST /PaySim`, seed 000), the
                付付 merchant open API (`/gateway/pay/*`, MD5-signed JSON, seed 001) and the aggregator API (form posts
                and a cashier page, seed 002). Amounts are integers in fen (分) unless a field says yuan.
                The test accounts 账户1 (password 123456, 100,000,000 fen) and 账户2 (password 123456, 0 fen) exist on
                every new store, so the examples here can be sent as they are; admin operations need the admin token
                (`PaySim:Admin:Token`, or the generated `<data directory>/admin-token`).
                More in docs/api.md and docs/merchant-apis.md.
                """,
        };
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = PaySimTag, Description = "One endpoint; the body's `method` names the operation." },
            new() { Name = FufuTag, Description = "Merchant backends written for 付付 point their BASE_URL at `/gateway/pay`. Every request is signed in the URL; every answer is HTTP 200 with a `result` envelope." },
            new() { Name = AggregatorTag, Description = "Merchant backends written for the aggregator: a browser form post shows the cashier page; two signed GET queries answer JSON." },
            new() { Name = CashierTag, Description = "PaySim's cashier page, where a payer pays a merchant order with a PaySim account or obtains a one-time payer code." },
            new() { Name = AdminTag, Description = "Merchant registration, the cluster view, the health check and the metrics. Orleans' dashboard, a page for people rather than an API, is at `/dashboard` (admin token; docs/operations.md)." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AdminCredential.HeaderName,
            Description = "The administrator's token: missing → 401 ADMIN_TOKEN_MISSING, wrong → 403 ADMIN_TOKEN_INVALID; after 10 wrong ones from a client within a minute, any → 429 ADMIN_TOKEN_GUESSES_LIMITED until that minute ends.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>The security requirement of an admin operation.</summary>
    public static OpenApiSecurityRequirement AdminRequirement(OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(AdminScheme, document)] = [] };
}
