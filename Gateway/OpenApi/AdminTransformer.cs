using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Merchant registration (Gateway/Apis/MerchantAdminApi.cs), the cluster view (ClusterAdminApi.cs) and the health
/// check. Registration is the first step of either merchant API, so its body and answer are spelt out here.
/// </summary>
internal sealed class AdminTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The answer to a client held back for guessing (<see cref="AdminGuessLimiter"/>).</summary>
    public const string GuessesLimited =
        "10 wrong admin tokens from this client within a minute: every token is refused until that minute ends (Retry-After, in seconds): ADMIN_TOKEN_GUESSES_LIMITED.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var error = document.Component("AdminError", Schemas.Object("Why the request was refused.", ["reason"], ("reason", Schemas.Text("What was wrong, in words or (401, 403, 429) in capitals."))));
        document.Describe("/admin/merchants", HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "register-merchant",
            Summary = "Register a merchant",
            Description = $"""
                Registers a merchant for both merchant APIs and answers, **once**, its credentials: the merchant id (the
                same value as seed 001's busi_id and seed 002's uid), seed 001's key (signs /gateway/pay requests) and
                seed 002's token (computes the aggregator keys). PaySim keeps them encrypted and never shows them again:
                store them now. Payments go to the settlement account, an open PaySim account; refunds come from it.
                Send `Content-Type: application/json` and the `{AdminCredential.HeaderName}` header.
                """,
            Tags = Operations.Tag(document, DocumentInfoTransformer.AdminTag),
            Security = [DocumentInfoTransformer.AdminRequirement(document)],
            RequestBody = Operations.Body(Operations.Json, "The merchant.", document.Component("MerchantRegistrationRequest", Schemas.Object(
                "A JSON object; unknown fields are ignored.", ["name", "settlementAccount"],
                ("name", Schemas.Text($"The merchant's name, shown on the cashier page; 1–{MerchantRegistration.NameLengthMax} characters, not blank.", MerchantRegistration.NameLengthMax)),
                ("settlementAccount", Schemas.Text("The username of the PaySim account that receives payments and pays refunds; it must exist (e.g. 账户2).")))),
                new Example("merchant", "示例商户, paid into 账户2", """{"name":"示例商户","settlementAccount":"账户2"}""")),
            Responses = Operations.Responses(
                (200, Operations.Answer(Operations.Json, "Registered: the credentials, shown this once.", document.Component("MerchantCredentials", Schemas.Object(
                    "The new merchant's credentials.", ["busi_id", "uid", "key", "token"],
                    ("busi_id", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^1[0-9]{13}$", Description = "The merchant id: 14 digits starting 1; seed 001's busi_id." }),
                    ("uid", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^1[0-9]{13}$", Description = "The same id as seed 002's uid." }),
                    ("key", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9A-Za-z]{32}$", Description = "Seed 001's mchtKey: 32 letters and digits." }),
                    ("token", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9A-F]{32}$", Description = "Seed 002's token: 32 upper-case hex digits." }))),
                    new Example("merchant", "The credentials (these are examples, not real ones)", """{"busi_id":"11263078065193","uid":"11263078065193","key":"UpBEOxH94LL66Mhp39O9xqF3GTb97lPI","token":"CA7FEBC77958E8BC322CFE6AE5B1B7D2"}"""))),
                (400, Operations.Answer(Operations.Json, "name or settlementAccount missing or blank, name too long, or settlementAccount not an open account.", error,
                    new Example("no-account", "The settlement account does not exist", """{"reason":"settlementAccount is not an open PaySim account."}"""))),
                (401, Operations.Answer(Operations.Json, "No admin token: ADMIN_TOKEN_MISSING.", error)),
                (403, Operations.Answer(Operations.Json, "A wrong admin token: ADMIN_TOKEN_INVALID.", error)),
                (429, Operations.Answer(Operations.Json, GuessesLimited, error)),
                (503, Operations.Answer("application/problem+json", "No free merchant id was found, or the store failed; try again.", new OpenApiSchema { Type = JsonSchemaType.Object }))),
        });
        document.Describe("/admin/cluster", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "cluster-view",
            Summary = "The cluster's silos and their grain activations",
            Description = "The active silos as Orleans' management grain sees them, each with its activations in total and per grain type. Reads counts only; works on a single node as on a cluster gateway.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AdminTag),
            Security = [DocumentInfoTransformer.AdminRequirement(document)],
            Responses = Operations.Responses(
                (200, Operations.Answer(Operations.Json, "The silos.", document.Component("ClusterView", Schemas.Object(
                    "The cluster.", ["siloCount", "activations", "silos"],
                    ("siloCount", Schemas.Integer("Active silos.")),
                    ("activations", Schemas.Integer("Grain activations in all.")),
                    ("silos", Schemas.ArrayOf(Schemas.Object("One silo.", ["address", "status", "activations", "activationsByGrainType"],
                        ("address", Schemas.Text("Orleans' silo address.")),
                        ("status", Schemas.Text("Its membership status, e.g. Active.")),
                        ("activations", Schemas.Integer("Its activations.")),
                        ("activationsByGrainType", new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Schemas.Integer("Activations."), Description = "Activations per grain type (class, assembly)." })), "The silos, by address.")))),
                    new Example("single-node", "One silo (PaySim's grain types are listed the same way)", """{"siloCount":1,"activations":1,"silos":[{"address":"S127.0.0.1:11111:155420762","status":"Active","activations":1,"activationsByGrainType":{"Orleans.Runtime.Management.ManagementGrain,Orleans.Runtime":1}}]}"""))),
                (401, Operations.Answer(Operations.Json, "No admin token: ADMIN_TOKEN_MISSING.", error)),
                (403, Operations.Answer(Operations.Json, "A wrong admin token: ADMIN_TOKEN_INVALID.", error)),
                (429, Operations.Answer(Operations.Json, GuessesLimited, error))),
        });
        document.Describe("/health", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "health",
            Summary = "Whether the gateway answers",
            Description = "For start-up scripts and liveness probes; it does not call a grain (`/health/ready` does).",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AdminTag),
            Responses = Operations.Responses((200, Operations.Answer(Operations.Json, "Up.",
                document.Component("Health", Schemas.Object("The gateway is up.", ["status"], ("status", Schemas.Constant("ok", "Always ok.")))),
                new Example("up", "Up", """{"status":"ok"}""")))),
        });
        document.Describe("/health/ready", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "healthReady",
            Summary = "Whether the gateway reaches a silo",
            Description = "For load balancers in front of several gateways: one grain call to whichever silo the gateway reaches, at most 1 s. 503 while no silo answers.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AdminTag),
            Responses = Operations.Responses(
                (200, Operations.Answer(Operations.Json, "A silo answered.",
                    document.Component("Ready", Schemas.Object("A silo answered.", ["status"], ("status", Schemas.Constant("ready", "Always ready.")))),
                    new Example("ready", "Ready", """{"status":"ready"}"""))),
                (503, Operations.Answer(Operations.Json, "No silo answered within 1 s.",
                    document.Component("NotReady", Schemas.Object("No silo answered.", ["status", "reason"],
                        ("status", Schemas.Constant("unavailable", "Always unavailable.")),
                        ("reason", Schemas.OneOf("TIMEOUT (no answer in time) or UNAVAILABLE (the call failed).", "TIMEOUT", "UNAVAILABLE")))),
                    new Example("no-silo", "No silo reachable", """{"status":"unavailable","reason":"UNAVAILABLE"}""")))),
        });
        document.Describe("/metrics", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "metrics",
            Summary = "Metrics for Prometheus",
            Description = "Prometheus' text exposition format: Orleans', ASP.NET Core's, the runtime's and PaySim's series (docs/operations.md). Counts and aggregate sums only, no account or secret, so it asks no credential: keep it on an internal network.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AdminTag),
            Responses = Operations.Responses((200, Operations.Answer("text/plain", "The current values of every series.",
                new OpenApiSchema { Type = JsonSchemaType.String, Description = "Prometheus text format 0.0.4." }))),
        });
        return Task.CompletedTask;
    }
}
